/**
 * An independent checker for dial-a-ride (DARP) solutions on Cordeau's benchmark instances.
 *
 * It deliberately shares no code with the solver or with `@navette/matching`: it has its own parser
 * of the instance format and re-derives every constraint from the raw numbers, so a bug in the
 * solver's own feasibility check cannot hide behind the same bug here.
 *
 * Instance format (Cordeau 2006, see `/work/shared/benchmarks/darp/README.md`):
 * first line `K 2n T Q L`; then one line per node `id x y service_time load tw_start tw_end`, node 0
 * the start depot, 1..n pickups, n+1..2n the matching dropoffs (i is dropped at n+i), 2n+1 the end
 * depot. Travel time and cost are both the Euclidean distance.
 */

/** One visited node as the solver reports it: times in the instance's time units (minutes). */
export interface DarpStop {
  /** Node id, 1..2n (depots are implicit and must not appear). */
  node: number;
  /** When the vehicle reaches the node. */
  arrival: number;
  /** When service starts there (≥ arrival; the difference is waiting). */
  start: number;
}

/** The outcome of a check: `feasible` exactly when `violations` is empty. */
export interface DarpVerdict {
  feasible: boolean;
  /** Total Euclidean distance driven, depot legs included; an empty route costs 0. */
  cost: number;
  /** One human-readable line per broken constraint, naming the route, the node and the rule. */
  violations: string[];
}

interface Node {
  id: number;
  x: number;
  y: number;
  service: number;
  load: number;
  twStart: number;
  twEnd: number;
}

interface Instance {
  vehicles: number;
  /** Number of requests (the `n` of `2n`). */
  requests: number;
  maxRouteDuration: number;
  capacity: number;
  maxRideTime: number;
  /** Indexed by node id, 0..2n+1. */
  nodes: Node[];
}

/** Relative tolerance on every time comparison: 1e-6 of the compared magnitude, at least 1e-6. */
const RELATIVE_EPSILON = 1e-6;

function tolerance(...values: number[]): number {
  return RELATIVE_EPSILON * Math.max(1, ...values.map(Math.abs));
}

/** `a ≤ b` up to the relative tolerance. */
function atMost(a: number, b: number): boolean {
  return a <= b + tolerance(a, b);
}

function fmt(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(4);
}

function parseNumbers(line: string, lineNo: number, expected: number): number[] {
  const fields = line.trim().split(/\s+/).map(Number);
  if (fields.length < expected || fields.slice(0, expected).some((v) => !Number.isFinite(v))) {
    throw new Error(`DARP instance line ${lineNo}: expected ${expected} numbers, got "${line.trim()}"`);
  }
  return fields;
}

/** Parses Cordeau's text format. A missing end-depot line is taken to be a copy of the start depot. */
function parseDarpInstance(text: string): Instance {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  const header = lines[0];
  if (header === undefined) throw new Error('DARP instance: empty text');
  const [vehicles, nodeCount, maxRouteDuration, capacity, maxRideTime] = parseNumbers(header, 1, 5) as [
    number,
    number,
    number,
    number,
    number,
  ];
  if (nodeCount % 2 !== 0) throw new Error(`DARP instance: 2n = ${nodeCount} is odd`);
  const nodes: Node[] = [];
  lines.slice(1).forEach((line, i) => {
    const [id, x, y, service, load, twStart, twEnd] = parseNumbers(line, i + 2, 7) as [
      number,
      number,
      number,
      number,
      number,
      number,
      number,
    ];
    if (id !== nodes.length)
      throw new Error(`DARP instance line ${i + 2}: node id ${id}, expected ${nodes.length}`);
    nodes.push({ id, x, y, service, load, twStart, twEnd });
  });
  const endDepot = nodeCount + 1;
  if (nodes.length === endDepot && nodes[0]) nodes.push({ ...nodes[0], id: endDepot });
  if (nodes.length !== nodeCount + 2) {
    throw new Error(`DARP instance: ${nodes.length} nodes, expected ${nodeCount + 2} (2n + 2 depots)`);
  }
  return { vehicles, requests: nodeCount / 2, maxRouteDuration, capacity, maxRideTime, nodes };
}

function distance(a: Node, b: Node): number {
  return Math.hypot(a.x - b.x, a.y - b.y);
}

/**
 * Re-checks a solution against the instance and recomputes its cost.
 *
 * Checked: every request served exactly once, its pickup before its dropoff on the same vehicle;
 * at most K routes; load never above Q; arrival at each stop no earlier than the previous start +
 * service + travel (the first stop: leaving the depot no earlier than its window opens); start ≥
 * arrival and inside the node's window; ride time (dropoff start − pickup start − pickup service) ≤ L;
 * route duration (end-depot arrival − departure, departure = first start − travel from the depot, as
 * a vehicle may leave as late as it likes) ≤ T; the return inside the end depot's window.
 */
export function validateDarpSolution(instanceText: string, solution: { routes: DarpStop[][] }): DarpVerdict {
  const instance = parseDarpInstance(instanceText);
  const { nodes, requests: n } = instance;
  const startDepot = nodes[0]!;
  const endDepot = nodes[2 * n + 1]!;
  const violations: string[] = [];
  let cost = 0;

  if (solution.routes.length > instance.vehicles) {
    violations.push(`${solution.routes.length} routes for ${instance.vehicles} vehicles (K)`);
  }

  /** Where each node was visited: route index and position, all occurrences. */
  const visits = new Map<number, { route: number; position: number }[]>();

  solution.routes.forEach((route, r) => {
    const label = (position: number, node: number): string => {
      const kind = node <= n ? `pickup of request ${node}` : `dropoff of request ${node - n}`;
      return `route ${r}, stop ${position} (node ${node}, ${kind})`;
    };

    // Structure first: a stop that is not a request node cannot be timed or costed.
    const valid = route.every((stop, position) => {
      const ok = Number.isInteger(stop.node) && stop.node >= 1 && stop.node <= 2 * n;
      if (!ok)
        violations.push(
          `route ${r}, stop ${position}: node ${stop.node} is not a request node (1..${2 * n})`,
        );
      const finite = Number.isFinite(stop.arrival) && Number.isFinite(stop.start);
      if (ok && !finite)
        violations.push(`${label(position, stop.node)}: arrival or start is not a finite number`);
      return ok && finite;
    });
    route.forEach((stop, position) => {
      if (!Number.isInteger(stop.node) || stop.node < 1 || stop.node > 2 * n) return;
      const list = visits.get(stop.node) ?? [];
      list.push({ route: r, position });
      visits.set(stop.node, list);
    });
    if (!valid || route.length === 0) return;

    const at = (position: number): Node => nodes[route[position]!.node]!;
    let load = 0;
    let previous = startDepot;
    let previousDone = startDepot.twStart + startDepot.service;

    route.forEach((stop, position) => {
      const node = at(position);
      const where = label(position, stop.node);
      const travel = distance(previous, node);
      cost += travel;

      const earliestArrival = previousDone + travel;
      if (!atMost(earliestArrival, stop.arrival)) {
        const from = position === 0 ? 'the start depot' : `node ${previous.id}`;
        violations.push(
          `${where}: arrival ${fmt(stop.arrival)} is inconsistent with travel from ${from} ` +
            `(earliest ${fmt(earliestArrival)})`,
        );
      }
      if (!atMost(stop.arrival, stop.start)) {
        violations.push(
          `${where}: service starts at ${fmt(stop.start)}, before arrival ${fmt(stop.arrival)}`,
        );
      }
      if (!atMost(node.twStart, stop.start)) {
        violations.push(
          `${where}: time window violated, start ${fmt(stop.start)} before window opens at ${fmt(node.twStart)}`,
        );
      }
      if (!atMost(stop.start, node.twEnd)) {
        violations.push(
          `${where}: time window violated, start ${fmt(stop.start)} after window closes at ${fmt(node.twEnd)}`,
        );
      }

      load += node.load;
      if (load > instance.capacity) {
        violations.push(`${where}: capacity exceeded, load ${load} > Q = ${instance.capacity}`);
      }

      previous = node;
      previousDone = stop.start + node.service;
    });

    const back = distance(previous, endDepot);
    cost += back;
    const returnTime = previousDone + back;
    const first = route[0]!;
    const departure = first.start - distance(startDepot, at(0));
    if (!atMost(departure, startDepot.twEnd)) {
      violations.push(
        `route ${r}: leaves the start depot at ${fmt(departure)}, after its window closes at ${fmt(startDepot.twEnd)}`,
      );
    }
    if (!atMost(returnTime, endDepot.twEnd)) {
      violations.push(
        `route ${r}, end depot (node ${endDepot.id}): returns at ${fmt(returnTime)}, ` +
          `after the depot's time window closes at ${fmt(endDepot.twEnd)}`,
      );
    }
    const duration = returnTime - departure;
    if (!atMost(duration, instance.maxRouteDuration)) {
      violations.push(
        `route ${r}: route duration ${fmt(duration)} exceeds T = ${fmt(instance.maxRouteDuration)} ` +
          `(departs ${fmt(departure)}, returns ${fmt(returnTime)})`,
      );
    }
  });

  for (let request = 1; request <= n; request++) {
    const pickups = visits.get(request) ?? [];
    const dropoffs = visits.get(request + n) ?? [];
    if (pickups.length === 0 && dropoffs.length === 0) {
      violations.push(`request ${request} (nodes ${request}, ${request + n}) is not served`);
      continue;
    }
    if (pickups.length === 0)
      violations.push(`request ${request}: dropoff node ${request + n} without its pickup`);
    if (dropoffs.length === 0)
      violations.push(`request ${request}: pickup node ${request} without its dropoff`);
    if (pickups.length > 1)
      violations.push(`request ${request}: pickup node ${request} visited ${pickups.length} times`);
    if (dropoffs.length > 1) {
      violations.push(`request ${request}: dropoff node ${request + n} visited ${dropoffs.length} times`);
    }
    if (pickups.length !== 1 || dropoffs.length !== 1) continue;

    const pickup = pickups[0]!;
    const dropoff = dropoffs[0]!;
    if (pickup.route !== dropoff.route) {
      violations.push(
        `request ${request}: picked up on route ${pickup.route} (node ${request}) ` +
          `but dropped off on route ${dropoff.route} (node ${request + n})`,
      );
      continue;
    }
    if (dropoff.position < pickup.position) {
      violations.push(
        `route ${pickup.route}, node ${request + n}: dropoff of request ${request} at stop ${dropoff.position} ` +
          `comes before its pickup (node ${request}) at stop ${pickup.position}`,
      );
      continue;
    }
    const pickupStop = solution.routes[pickup.route]![pickup.position]!;
    const dropoffStop = solution.routes[dropoff.route]![dropoff.position]!;
    const ride = dropoffStop.start - (pickupStop.start + nodes[request]!.service);
    if (Number.isFinite(ride) && !atMost(ride, instance.maxRideTime)) {
      violations.push(
        `route ${pickup.route}, node ${request + n}: ride time of request ${request} is ${fmt(ride)}, ` +
          `exceeds L = ${fmt(instance.maxRideTime)}`,
      );
    }
  }

  return { feasible: violations.length === 0, cost, violations };
}
