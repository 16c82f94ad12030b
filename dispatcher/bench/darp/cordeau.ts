import { planarTravelTimes, type ProblemInput, type TripRequest, type Vehicle } from '@navette/matching';

/** One node line of a Cordeau instance. */
export interface CordeauNode {
  readonly id: number;
  readonly x: number;
  readonly y: number;
  readonly service: number;
  readonly load: number;
  readonly earliest: number;
  readonly latest: number;
}

/** A dial-a-ride instance in Cordeau's format (see ../shared/benchmarks/darp/README.md). */
export interface CordeauInstance {
  readonly vehicles: number;
  /** Number of requests (half the pickup+dropoff nodes). */
  readonly requests: number;
  readonly maxRouteDuration: number;
  readonly capacity: number;
  readonly maxRideTime: number;
  /** Nodes 0 .. 2n+1. */
  readonly nodes: readonly CordeauNode[];
}

/** Parses the text of an instance file. */
export function parseCordeau(text: string): CordeauInstance {
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l.length > 0);
  const head = lines[0]?.split(/\s+/).map(Number) ?? [];
  if (head.length < 5 || head.some((x) => !Number.isFinite(x))) throw new Error('bad header line');
  const [vehicles, twoN, maxRouteDuration, capacity, maxRideTime] = head as [
    number,
    number,
    number,
    number,
    number,
  ];
  const nodes = lines.slice(1, twoN + 3).map((line) => {
    const f = line.split(/\s+/).map(Number);
    const [id, x, y, service, load, earliest, latest] = f as [
      number,
      number,
      number,
      number,
      number,
      number,
      number,
    ];
    return { id, x, y, service, load, earliest, latest };
  });
  if (nodes.length !== twoN + 2) throw new Error(`expected ${twoN + 2} nodes, got ${nodes.length}`);
  return { vehicles, requests: twoN / 2, maxRouteDuration, capacity, maxRideTime, nodes };
}

/** The instance as planner input: planar travel at speed 1 (time = cost = distance). */
export function cordeauToInput(instance: CordeauInstance): ProblemInput {
  const n = instance.requests;
  const node = (i: number): CordeauNode => instance.nodes[i]!;
  const depot = node(0);
  const end = node(2 * n + 1);
  const vehicles: Vehicle[] = Array.from({ length: instance.vehicles }, (_, k) => ({
    id: `v${k}`,
    at: [depot.x, depot.y],
    endAt: [end.x, end.y],
    availableFromSeconds: depot.earliest,
    shiftEndSeconds: end.latest,
    maxRouteSeconds: instance.maxRouteDuration,
    capacity: { seats: instance.capacity },
  }));
  const requests: TripRequest[] = [];
  for (let i = 1; i <= n; i++) {
    const p = node(i);
    const d = node(n + i);
    requests.push({
      id: String(i),
      kind: 'ride',
      pickup: [p.x, p.y],
      dropoff: [d.x, d.y],
      load: { seats: p.load },
      pickupWindow: [p.earliest, p.latest],
      dropoffWindow: [d.earliest, d.latest],
      maxRideSeconds: instance.maxRideTime,
      pickupServiceSeconds: p.service,
      dropoffServiceSeconds: d.service,
      booking: 'ahead',
    });
  }
  // Cordeau's objective is the routing cost alone: riders' waits are not priced.
  return { requests, vehicles, travel: planarTravelTimes(1), now: 0, weights: { perRiderWaitSecond: 0 } };
}
