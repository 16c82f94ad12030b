/** One step as the cost estimate needs it: its matched rate and each process's CPU. */
export interface StepUse {
  rate: number;
  matchedPerSecond: number;
  /** Share of the step's requests offered in time (0–1). */
  offeredShare: number;
  processes: { name: string; cpuPercent: number }[];
  cores: number;
}

export interface RequestCost {
  /** The steps compared: the first (the fleet's own load: positions, presence) and a later one. */
  from: number;
  to: number;
  /** CPU milliseconds per matched request, by process, above the first step's use. */
  msPerRequest: { name: string; ms: number }[];
  /** What the machine's cores would match at that cost, beside the first step's load, if only these processes ran. */
  projectedPerSecond: number;
}

/**
 * What one more matched request costs each process, in CPU: the difference in CPU between the
 * first step and the highest step that still offered `offeredShare` in time (else the step that
 * matched most), over the difference in matched requests a second. Undefined when no later step
 * matched at least one more request a second than the first. The projection divides the cores left
 * beside the first step's use by that cost: an estimate, linear, ignoring contention.
 */
export function requestCost(steps: readonly StepUse[], offeredShare: number): RequestCost | undefined {
  const base = steps[0];
  if (!base) return undefined;
  const later = steps.slice(1).filter((s) => s.matchedPerSecond >= base.matchedPerSecond + 1);
  const steady = later.filter((s) => s.offeredShare >= offeredShare);
  const top = (steady.length ? steady : later).reduce<StepUse | undefined>(
    (best, s) => (!best || s.matchedPerSecond > best.matchedPerSecond ? s : best),
    undefined,
  );
  if (!top) return undefined;
  const extra = top.matchedPerSecond - base.matchedPerSecond;
  const cpuOf = (step: StepUse, name: string) => step.processes.find((p) => p.name === name)?.cpuPercent ?? 0;
  const msPerRequest = top.processes.map((p) => ({
    name: p.name,
    ms: (Math.max(0, p.cpuPercent - cpuOf(base, p.name)) / 100) * (1000 / extra),
  }));
  const perRequest = msPerRequest.reduce((sum, p) => sum + p.ms, 0);
  const baseUse = base.processes.reduce((sum, p) => sum + p.cpuPercent, 0) / 100;
  const left = Math.max(0, top.cores - baseUse);
  return {
    from: base.rate,
    to: top.rate,
    msPerRequest,
    projectedPerSecond:
      perRequest > 0 ? base.matchedPerSecond + (left * 1000) / perRequest : Number.POSITIVE_INFINITY,
  };
}
