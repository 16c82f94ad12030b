/**
 * The size of the randomised interleavings test (`interleavings.e2e-spec.ts`): small under
 * `npm test`, long under `npm run soak` (which sets `NAVETTE_SOAK=1`). Each bound can be set:
 *
 * | variable                      | test | soak | meaning                                        |
 * | ----------------------------- | ---- | ---- | ---------------------------------------------- |
 * | `NAVETTE_SOAK_INTERLEAVINGS`  | 3    | 200  | most interleavings (random schedules) tried     |
 * | `NAVETTE_SOAK_ACTIONS`        | 60   | 150  | actions fired in each interleaving              |
 * | `NAVETTE_SOAK_SECONDS`        | 45   | 900  | no new interleaving starts after this, seconds  |
 * | `NAVETTE_SOAK_SEED`           | now  | now  | seed of the first interleaving (printed; replay)|
 */
export interface SoakConfig {
  interleavings: number;
  actionsPerInterleaving: number;
  seconds: number;
  seed: number;
}

function positive(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1)
    throw new Error(`${name} must be a positive integer, got "${raw}"`);
  return value;
}

export function loadSoakConfig(env: NodeJS.ProcessEnv = process.env): SoakConfig {
  const soak = env.NAVETTE_SOAK === '1';
  return {
    interleavings: positive(env, 'NAVETTE_SOAK_INTERLEAVINGS', soak ? 200 : 3),
    actionsPerInterleaving: positive(env, 'NAVETTE_SOAK_ACTIONS', soak ? 150 : 60),
    seconds: positive(env, 'NAVETTE_SOAK_SECONDS', soak ? 900 : 45),
    seed: positive(env, 'NAVETTE_SOAK_SEED', 1 + (Date.now() % 1_000_000_007)),
  };
}
