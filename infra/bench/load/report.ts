// Per-step figures from what the run observed, the verdicts against issue 12's targets, and the
// printed report. Nothing here is measured: it only reads the collector and the samplers.
import { requestCost } from './request-cost.js';
import type { Collector } from './collector.js';
import type { WaitSample } from './database-waits.js';
import type { DispatcherCounters } from './dispatcher-metrics.js';
import type { Floor } from './floors.js';
import type { ProcessUse } from './process-sampler.js';
import type { DepthSample } from './queue-watch.js';
import { ms, percentile } from './statistics.js';

/** Issue 12's targets on this machine. */
export const TARGETS = {
  matchedPerSecond: 200,
  drivers: 5000,
  offeredWithinMs: 3000,
  offeredShare: 0.99,
  /** At 100 req/s. */
  atRate: 100,
  beyondWindowP99Ms: 50,
  acceptToAssignedP99Ms: 10,
  /** At 1 req/s (the adaptive window). */
  quietRate: 1,
  quietOfferP50Ms: 300,
  /** A process using this share of one core is saturated. */
  saturatedCpuPercent: 90,
};

export interface StepWindow {
  rate: number;
  from: number;
  to: number;
}

export interface StepResult extends StepWindow {
  requests: number;
  offered: number;
  offeredInTime: number;
  matchedPerSecond: number;
  requestToOffer: [number, number];
  window: [number, number];
  beyondWindow: [number, number];
  acceptToAssigned: [number, number];
  positionToMap: [number, number];
  positions: number;
  errors: Record<string, number>;
  /** Rides of this step sent back to matching at least once (a retry round), seen on the queue. */
  ridesRetried: number;
  /** The dispatcher's reasons for rides sent back during the step, by stage. */
  sentBack: Record<string, number>;
  /** Sent back for a reason of the batch itself (anything but `unserved`: no feasible driver). */
  batchRetries: number;
  batches: number;
  batchMeanMs: number;
  depth: { first: number; last: number; max: number };
  driversOnline: number;
  freeDriversMin: number;
  processes: ProcessUse[];
  machineBusyPercent: number;
  cores: number;
  pool: { connections: number; busyMean: number; busyMax: number };
  /** Per process: its connections, busy ones on average and at most, share of samples with all busy. */
  pools: {
    owner: string;
    /** Its pools' size (0: unknown), and the most connections it held. */
    size: number;
    connections: number;
    busyMean: number;
    busyMax: number;
    /** Share of samples with every connection of a full pool busy: callers were queueing. */
    allBusy: number;
  }[];
  waits: [string, number][];
  /** Active backends on average by statement (sampled from pg_stat_activity), most first. */
  statements: [string, number][];
}

const pair = (values: number[]): [number, number] => [percentile(values, 0.5), percentile(values, 0.99)];

export function stepResult(
  step: StepWindow,
  data: Collector,
  windows: Map<string, number>,
  retried: Map<string, number>,
  counters: DispatcherCounters,
  depth: DepthSample[],
  use: { groups: ProcessUse[]; machineBusyPercent: number; cores: number },
  waits: WaitSample[],
  poolSizes: Record<string, number>,
): StepResult {
  const inStep = (at: number) => at >= step.from && at < step.to;
  const rides = [...data.requests].filter(([, r]) => inStep(r.sentAt));
  const toOffer: number[] = [];
  const window: number[] = [];
  const beyond: number[] = [];
  const acceptToAssigned: number[] = [];
  let offeredInTime = 0;
  for (const [rideId, { sentAt }] of rides) {
    const offeredAt = data.offers.get(rideId);
    if (offeredAt === undefined) continue;
    const wait = offeredAt - sentAt;
    toOffer.push(wait);
    if (wait <= TARGETS.offeredWithinMs) offeredInTime++;
    const w = windows.get(rideId);
    if (w !== undefined) {
      window.push(w);
      beyond.push(Math.max(0, wait - w));
    }
    const accept = data.accepts.get(rideId);
    const assignedAt = data.assigned.get(rideId);
    if (accept?.ok && assignedAt !== undefined) acceptToAssigned.push(assignedAt - accept.sentAt);
  }
  const toMap: number[] = [];
  for (const [key, sentAt] of data.positionsSent) {
    const seenAt = data.positionsSeen.get(key);
    if (inStep(sentAt) && seenAt !== undefined) toMap.push(seenAt - sentAt);
  }
  const errors: Record<string, number> = {};
  for (const [at, kind, n] of data.errors) if (inStep(at)) errors[kind] = (errors[kind] ?? 0) + n;
  const depths = depth.filter((d) => inStep(d.at)).map((d) => d.waiting + d.delayed + d.active);
  const drivers = data.drivers.filter(([at]) => inStep(at));
  const pool = waits.filter((w) => inStep(w.at));
  const waitCounts: Record<string, number> = {};
  const statementCounts: Record<string, number> = {};
  for (const sample of pool) {
    for (const [what, n] of Object.entries(sample.waits)) waitCounts[what] = (waitCounts[what] ?? 0) + n;
    for (const [what, n] of Object.entries(sample.statements))
      statementCounts[what] = (statementCounts[what] ?? 0) + n;
  }
  const perSample = (counts: Record<string, number>) =>
    Object.entries(counts)
      .map(([what, n]): [string, number] => [what, pool.length ? n / pool.length : 0])
      .sort((a, b) => b[1] - a[1]);
  const seconds = (step.to - step.from) / 1000;
  const batchRetries = Object.entries(counters.sentBack)
    .filter(([stage]) => stage !== 'unserved')
    .reduce((sum, [, n]) => sum + n, 0);
  return {
    ...step,
    requests: rides.length,
    offered: toOffer.length,
    offeredInTime,
    matchedPerSecond: toOffer.length / seconds,
    requestToOffer: pair(toOffer),
    window: pair(window),
    beyondWindow: pair(beyond),
    acceptToAssigned: pair(acceptToAssigned),
    positionToMap: pair(toMap),
    positions: toMap.length,
    errors,
    ridesRetried: rides.filter(([rideId]) => retried.has(rideId)).length,
    sentBack: counters.sentBack,
    batchRetries,
    batches: counters.batches,
    batchMeanMs: counters.batches ? (counters.batchSeconds / counters.batches) * 1000 : Number.NaN,
    depth: { first: depths[0] ?? 0, last: depths.at(-1) ?? 0, max: Math.max(0, ...depths) },
    driversOnline: Math.max(0, ...drivers.map(([, online]) => online)),
    freeDriversMin: drivers.length ? Math.min(...drivers.map(([, online, busy]) => online - busy)) : 0,
    processes: use.groups,
    machineBusyPercent: use.machineBusyPercent,
    cores: use.cores,
    pool: {
      connections: Math.max(0, ...pool.map((w) => w.connections)),
      busyMean: pool.length ? pool.reduce((s, w) => s + w.busy, 0) / pool.length : 0,
      busyMax: Math.max(0, ...pool.map((w) => w.busy)),
    },
    pools: [...new Set(pool.flatMap((w) => Object.keys(w.owners)))].sort().map((owner) => {
      const seen = pool.map((w) => w.owners[owner] ?? { connections: 0, busy: 0 });
      return {
        owner,
        connections: Math.max(...seen.map((o) => o.connections)),
        busyMean: seen.reduce((sum, o) => sum + o.busy, 0) / seen.length,
        busyMax: Math.max(...seen.map((o) => o.busy)),
        size: poolSizes[owner] ?? 0,
        allBusy:
          seen.filter((o) => (poolSizes[owner] ?? 0) > 0 && o.busy >= poolSizes[owner]!).length / seen.length,
      };
    }),
    waits: perSample(waitCounts),
    statements: perSample(statementCounts),
  };
}

export type Verdict = { status: 'met' | 'missed' | 'not measured'; target: string; evidence: string };

/** Met when the measured value is at most the limit; not measured when there is none. */
function atMost(target: string, value: number | undefined, limit: number, evidence: string): Verdict {
  const status =
    value === undefined || Number.isNaN(value) ? 'not measured' : value <= limit ? 'met' : 'missed';
  return { target, status, evidence };
}

const share = (s: StepResult) => (s.requests ? s.offeredInTime / s.requests : Number.NaN);
const pct = (x: number) => `${(x * 100).toFixed(1)} %`;

/** The verdicts against the targets, computed from the steps; `not measured` when no step applies. */
export function verdicts(steps: StepResult[], drivers: number): Verdict[] {
  const list: Verdict[] = [];
  const best = steps.reduce<StepResult | undefined>(
    (b, s) => (b === undefined || s.matchedPerSecond > b.matchedPerSecond ? s : b),
    undefined,
  );
  const online = Math.max(0, ...steps.map((s) => s.driversOnline));
  list.push({
    target: `≥ ${TARGETS.matchedPerSecond} matched req/s with ${TARGETS.drivers} drivers online`,
    status:
      best && best.matchedPerSecond >= TARGETS.matchedPerSecond && online >= TARGETS.drivers
        ? 'met'
        : 'missed',
    evidence: best
      ? `best ${best.matchedPerSecond.toFixed(1)} matched/s at ${best.rate} req/s, ${online} drivers online (${drivers} asked)`
      : 'no step ran',
  });
  const upTo = steps.filter((s) => s.rate <= TARGETS.matchedPerSecond && s.freeDriversMin > 0);
  const late = upTo.filter((s) => share(s) < TARGETS.offeredShare);
  list.push({
    target: `${pct(TARGETS.offeredShare)} offered within ${TARGETS.offeredWithinMs / 1000} s at every rate ≤ ${TARGETS.matchedPerSecond} req/s with free drivers`,
    status: upTo.length === 0 ? 'not measured' : late.length ? 'missed' : 'met',
    evidence: upTo.map((s) => `${s.rate}/s: ${pct(share(s))}`).join(', ') || 'no such step',
  });
  const retrying = upTo.filter((s) => s.batchRetries > 0);
  list.push({
    target: 'no retry round caused by the batch itself (while drivers are free)',
    status: upTo.length === 0 ? 'not measured' : retrying.length ? 'missed' : 'met',
    evidence:
      upTo
        .map((s) => `${s.rate}/s: ${s.batchRetries} sent back (${s.ridesRetried} rides retried)`)
        .join(', ') || 'no such step',
  });
  const at = steps.find((s) => s.rate === TARGETS.atRate);
  const quiet = steps.find((s) => s.rate === TARGETS.quietRate);
  const missing = (rate: number) => `no ${rate} req/s step`;
  list.push(
    atMost(
      `at ${TARGETS.atRate} req/s: time beyond the batch window p99 ≤ ${TARGETS.beyondWindowP99Ms} ms`,
      at?.beyondWindow[1],
      TARGETS.beyondWindowP99Ms,
      at ? `p99 ${ms(at.beyondWindow[1])} ms (window p50 ${ms(at.window[0])} ms)` : missing(TARGETS.atRate),
    ),
    atMost(
      `at ${TARGETS.atRate} req/s: accept → assigned p99 ≤ ${TARGETS.acceptToAssignedP99Ms} ms`,
      at?.acceptToAssigned[1],
      TARGETS.acceptToAssignedP99Ms,
      at ? `p99 ${ms(at.acceptToAssigned[1])} ms` : missing(TARGETS.atRate),
    ),
    atMost(
      `at ${TARGETS.quietRate} req/s: request → offer p50 ≤ ${TARGETS.quietOfferP50Ms} ms (adaptive window)`,
      quiet?.requestToOffer[0],
      TARGETS.quietOfferP50Ms,
      quiet ? `p50 ${ms(quiet.requestToOffer[0])} ms` : missing(TARGETS.quietRate),
    ),
  );
  return list;
}

/**
 * What saturates first: the first step missing the offer target (or the last step), its busiest
 * process and whether it is at a core, the database pool's occupancy and what active backends wait on.
 */
export function saturation(steps: StepResult[]): string {
  const first = steps.find((s) => s.requests > 0 && share(s) < TARGETS.offeredShare) ?? steps.at(-1);
  if (!first) return 'no step ran';
  const busiest = [...first.processes].sort((a, b) => b.cpuPercent - a.cpuPercent)[0];
  const lines = [
    `first step short of ${pct(TARGETS.offeredShare)} offered within ${TARGETS.offeredWithinMs / 1000} s: ` +
      (first === steps.at(-1) && share(first) >= TARGETS.offeredShare
        ? 'none (the last step shown)'
        : `${first.rate} req/s`),
  ];
  if (busiest) {
    const saturated = busiest.cpuPercent >= TARGETS.saturatedCpuPercent;
    lines.push(
      `busiest process: ${busiest.name} at ${busiest.cpuPercent.toFixed(0)} % of a core` +
        (saturated ? ' (saturated)' : ` (below ${TARGETS.saturatedCpuPercent} %: not CPU-bound)`) +
        `; machine ${first.machineBusyPercent.toFixed(0)} % of ${first.cores * 100} % (others' work included)`,
    );
  }
  lines.push(costLine(steps));
  lines.push(`PostgreSQL connections by process: ${poolLine(first)}`);
  const top = first.waits.slice(0, 4).map(([what, n]) => `${what} ${n.toFixed(2)}`);
  lines.push(`active backends on average, by wait: ${top.join(', ') || 'none active'}`);
  lines.push(`by statement: ${statementLine(first, 3)}`);
  lines.push(
    `matching queue depth ${first.depth.first} → ${first.depth.last} (max ${first.depth.max}); batches ${first.batches}, mean ${ms(first.batchMeanMs)} ms`,
  );
  lines.push(`verdict: ${bottleneck(first, busiest)}`);
  return lines.join('\n');
}

/** CPU per matched request by process, and what the cores would match at that cost. */
function costLine(steps: StepResult[]): string {
  const cost = requestCost(
    steps.map((s) => ({
      rate: s.rate,
      matchedPerSecond: s.matchedPerSecond,
      offeredShare: share(s),
      processes: s.processes,
      cores: s.cores,
    })),
    TARGETS.offeredShare,
  );
  if (!cost) return 'CPU per matched request: no later step matched more than the first';
  const each = cost.msPerRequest.map((p) => `${p.name} ${p.ms.toFixed(1)}`).join(', ');
  const total = cost.msPerRequest.reduce((sum, p) => sum + p.ms, 0);
  return (
    `CPU per matched request (${cost.from} → ${cost.to} req/s): ${each} ms; ${total.toFixed(1)} ms in all, so ` +
    `${steps[0]!.cores} cores would match about ${cost.projectedPerSecond.toFixed(0)} req/s beside the fleet's own load ` +
    `(linear estimate, if nothing else ran)`
  );
}

/** The first limit the evidence points at, in that order: a process at a core, a lock, the pool, the machine. */
function bottleneck(step: StepResult, busiest: ProcessUse | undefined): string {
  if (busiest && busiest.cpuPercent >= TARGETS.saturatedCpuPercent)
    return `CPU: ${busiest.name} at ${busiest.cpuPercent.toFixed(0)} % of a core`;
  const active = step.waits.reduce((sum, [, n]) => sum + n, 0);
  const [wait, waiting] = step.waits[0] ?? ['', 0];
  if (wait.startsWith('Lock:') && waiting >= active / 2)
    return `a lock: ${waiting.toFixed(1)} of ${active.toFixed(1)} active PostgreSQL backends wait on ${wait}`;
  const full = [...step.pools].filter((p) => p.owner !== 'other').sort((a, b) => b.allBusy - a.allBusy)[0];
  if (full && full.allBusy >= 0.25)
    return `a connection pool: all ${full.size} of the ${full.owner}'s PostgreSQL connections were busy in ${pct(full.allBusy)} of samples (callers queue for one)`;
  const ours = step.processes.reduce((sum, p) => sum + p.cpuPercent, 0);
  if (step.machineBusyPercent >= 0.9 * step.cores * 100)
    return `the machine: ${step.machineBusyPercent.toFixed(0)} % of ${step.cores * 100} % busy, ${ours.toFixed(0)} % of it this run's processes (the rest is others' work on the shared machine)`;
  return 'nothing conclusive (no process at a core, no dominant lock wait, pools not full, machine not full)';
}

const poolLine = (step: StepResult) =>
  step.pools
    .map(
      (p) =>
        `${p.owner} ${p.connections}${p.size ? ` of ${p.size}` : ''} (busy mean ${p.busyMean.toFixed(1)}, max ${p.busyMax}${p.size ? `, pool full and busy ${pct(p.allBusy)} of the time` : ''})`,
    )
    .join('; ') || 'none';

const statementLine = (step: StepResult, n: number) =>
  step.statements
    .slice(0, n)
    .map(([what, k]) => `${k.toFixed(2)} «${what}»`)
    .join('; ') || 'none active';

const mb = (bytes: number) => `${Math.round(bytes / 1048576)} MB`;

export function printReport(
  out: (line: string) => void,
  floors: Floor[],
  steps: StepResult[],
  list: Verdict[],
  saturated: string,
): void {
  out('\nfloors measured in this run (p50 / p99 ms):');
  for (const f of floors)
    out(`  ${f.name.padEnd(28)} ${ms(f.p50).padStart(6)} / ${ms(f.p99)}   (${f.samples} samples)`);
  out('\nper step (latencies p50 / p99 ms):');
  for (const s of steps) {
    out(`\n== ${s.rate} req/s for ${((s.to - s.from) / 1000).toFixed(0)} s ==`);
    out(
      `  requests ${s.requests}, offered ${s.offered} (${pct(share(s))} within ${TARGETS.offeredWithinMs / 1000} s), matched ${s.matchedPerSecond.toFixed(1)}/s`,
    );
    out(
      `  request → offer ${ms(s.requestToOffer[0])} / ${ms(s.requestToOffer[1])}: batch window ${ms(s.window[0])} / ${ms(s.window[1])}, beyond the window ${ms(s.beyondWindow[0])} / ${ms(s.beyondWindow[1])}`,
    );
    out(`  accept → rider's assigned ${ms(s.acceptToAssigned[0])} / ${ms(s.acceptToAssigned[1])}`);
    out(
      `  position report → coordinator map ${ms(s.positionToMap[0])} / ${ms(s.positionToMap[1])} (${s.positions} reports)`,
    );
    const sent = Object.entries(s.sentBack).filter(([, n]) => n > 0);
    out(
      `  retry rounds: ${s.ridesRetried} rides; sent back ${sent.map(([k, n]) => `${k} ${n}`).join(', ') || 'none'}; batches ${s.batches}, mean ${ms(s.batchMeanMs)} ms`,
    );
    out(
      `  matching queue depth ${s.depth.first} → ${s.depth.last} (max ${s.depth.max}); drivers online ${s.driversOnline}, free at least ${s.freeDriversMin}`,
    );
    const errors = Object.entries(s.errors);
    out(`  errors: ${errors.map(([k, n]) => `${k} ×${n}`).join(', ') || 'none'}`);
    out(
      `  CPU (% of a core) / RSS: ${s.processes.map((p) => `${p.name} ${p.cpuPercent.toFixed(0)} % / ${mb(p.rssBytes)}${p.processes > 1 ? ` (${p.processes} proc.)` : ''}`).join(', ')}; machine ${s.machineBusyPercent.toFixed(0)} % of ${s.cores * 100} %`,
    );
    out(`  PostgreSQL connections by process: ${poolLine(s)}`);
    out(
      `  PostgreSQL: ${s.pool.connections} connections, busy mean ${s.pool.busyMean.toFixed(1)} max ${s.pool.busyMax}; active by wait: ${
        s.waits
          .slice(0, 3)
          .map(([w, n]) => `${w} ${n.toFixed(2)}`)
          .join(', ') || 'none'
      }`,
    );
    out(`  active backends by statement: ${statementLine(s, 5)}`);
  }
  out('\nverdicts:');
  for (const v of list)
    out(
      `${v.status === 'met' ? 'MET   ' : v.status === 'missed' ? 'MISSED' : 'N/A   '} ${v.target} — ${v.evidence}`,
    );
  out('\nwhat saturates first:');
  for (const line of saturated.split('\n')) out(`  ${line}`);
}

/** The same steps on two stacks side by side, and the ratio of the second to the first. */
export function printComparison(
  out: (line: string) => void,
  label: string,
  one: StepResult[],
  many: StepResult[],
): void {
  out(`\n${label} beside one node (ratio = ${label} ÷ one node, measured in this run):`);
  out(
    '  rate/s | matched/s one → many (ratio) | offered ≤ 3 s one → many | request → offer p99 ms one → many (ratio)',
  );
  for (const [i, a] of one.entries()) {
    const b = many[i];
    if (!b) continue;
    out(
      `  ${String(a.rate).padStart(6)} | ${a.matchedPerSecond.toFixed(1)} → ${b.matchedPerSecond.toFixed(1)} (${(b.matchedPerSecond / a.matchedPerSecond).toFixed(2)}) | ` +
        `${pct(share(a))} → ${pct(share(b))} | ${ms(a.requestToOffer[1])} → ${ms(b.requestToOffer[1])} (${(b.requestToOffer[1] / a.requestToOffer[1]).toFixed(2)})`,
    );
  }
  const best = (steps: StepResult[]) => Math.max(0, ...steps.map((s) => s.matchedPerSecond));
  out(
    `  best matched/s: one node ${best(one).toFixed(1)}, ${label} ${best(many).toFixed(1)}, ratio ${(best(many) / best(one)).toFixed(2)}`,
  );
}
