import { buildProblem, construct, describe, improve, type Plan } from '@navette/matching';
import { cordeauToInput, type CordeauInstance } from './cordeau.js';

/** A solution in the benchmark's output shape: one array per vehicle, Cordeau node ids, no depots. */
export interface DarpRoutes {
  readonly routes: { node: number; arrival: number; start: number }[][];
}

/** Plans an instance: `'insertion'` = sequential cheapest insertion only, `'alns'` = regret construction + ALNS. */
export function solveCordeau(
  instance: CordeauInstance,
  method: 'insertion' | 'alns',
  options: { timeLimitMs: number; seed: number; clock: () => number; iterations?: number },
): { plan: Plan; solution: DarpRoutes } {
  const built = buildProblem(cordeauToInput(instance));
  const solution = construct(built, method === 'alns' ? 'regret' : 'sequential');
  const stats =
    method === 'alns'
      ? improve(solution, {
          seed: options.seed,
          clock: options.clock,
          timeLimitMs: options.timeLimitMs,
          iterations: options.iterations ?? Number.MAX_SAFE_INTEGER,
        })
      : { iterations: 0, improvements: 0, elapsedMs: 0 };
  const plan = describe(built, solution, stats);
  const n = instance.requests;
  const routes = plan.routes.map((route) =>
    route.stops.map((stop) => ({
      node: Number(stop.requestId) + (stop.type === 'dropoff' ? n : 0),
      arrival: stop.arrivalSeconds,
      start: stop.startSeconds,
    })),
  );
  return { plan, solution: { routes } };
}
