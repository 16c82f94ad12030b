// The dispatcher's own counters (DISPATCHER_METRICS_PORT), read at each step's ends: rides sent
// back to matching by the reason stored with them, rides re-planned within a batch, batch times.

export interface DispatcherCounters {
  /** Rides sent back for a later round, by stage (`unserved`: no feasible driver at all). */
  sentBack: Record<string, number>;
  replanned: number;
  offers: number;
  batches: number;
  batchSeconds: number;
}

const LINE = /^(navette_dispatcher_[a-z_]+)(?:\{([^}]*)\})? ([\d.e+-]+|NaN)$/;

/** The counters summed over every dispatcher's metrics endpoint. */
export async function readDispatcherCounters(urls: string[]): Promise<DispatcherCounters> {
  const counters: DispatcherCounters = { sentBack: {}, replanned: 0, offers: 0, batches: 0, batchSeconds: 0 };
  for (const url of urls) {
    const text = await (await fetch(url)).text();
    for (const line of text.split('\n')) {
      const match = LINE.exec(line);
      if (!match) continue;
      const [, name, labels, raw] = match;
      const value = Number(raw);
      if (name === 'navette_dispatcher_rides_sent_back_total') {
        const stage = /stage="([^"]*)"/.exec(labels ?? '')?.[1] ?? '?';
        counters.sentBack[stage] = (counters.sentBack[stage] ?? 0) + value;
      } else if (name === 'navette_dispatcher_rides_replanned_total') counters.replanned += value;
      else if (name === 'navette_dispatcher_offers_made_total') counters.offers += value;
      else if (name === 'navette_dispatcher_batch_duration_seconds_count') counters.batches += value;
      else if (name === 'navette_dispatcher_batch_duration_seconds_sum') counters.batchSeconds += value;
    }
  }
  return counters;
}

/** What happened between two readings. */
export function counterDelta(a: DispatcherCounters, b: DispatcherCounters): DispatcherCounters {
  const sentBack: Record<string, number> = {};
  for (const stage of new Set([...Object.keys(a.sentBack), ...Object.keys(b.sentBack)]))
    sentBack[stage] = (b.sentBack[stage] ?? 0) - (a.sentBack[stage] ?? 0);
  return {
    sentBack,
    replanned: b.replanned - a.replanned,
    offers: b.offers - a.offers,
    batches: b.batches - a.batches,
    batchSeconds: b.batchSeconds - a.batchSeconds,
  };
}
