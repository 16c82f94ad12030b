import type { ReportKind } from '@navette/contracts';

/** Thresholds of the automatic abuse reports. A report asks people to look; it bans nobody. */
export const ABUSE_RULES = {
  /** Failures reported by at least this many different people within the window. */
  failuresFromDistinctCounterparts: 3,
  /** No-show reports about one member within the window. */
  noShows: 2,
  /** Cancellations of rides a driver had already accepted, within the window. */
  lateCancellations: 3,
  windowDays: 30,
  /** Rides requested in 7 days above this many… */
  overuseFloor: 10,
  /** …and above this multiple of the territory's median per active rider. */
  overuseFactor: 5,
} as const;

export interface MemberSignals {
  distinctFailureReporters: number;
  noShowReports: number;
  lateCancellations: number;
  ridesLastWeek: number;
  territoryMedianLastWeek: number;
}

/** Which automatic reports a member's recent history calls for, with the evidence in words. */
export function abuseFindings(s: MemberSignals): { kind: ReportKind; text: string }[] {
  const r = ABUSE_RULES;
  const found: { kind: ReportKind; text: string }[] = [];
  if (s.distinctFailureReporters >= r.failuresFromDistinctCounterparts) {
    found.push({
      kind: 'repeated-failures',
      text: `${s.distinctFailureReporters} different people reported a failed trip in the last ${r.windowDays} days`,
    });
  }
  if (s.noShowReports >= r.noShows) {
    found.push({
      kind: 'no-show',
      text: `${s.noShowReports} no-show reports in the last ${r.windowDays} days`,
    });
  }
  if (s.lateCancellations >= r.lateCancellations) {
    found.push({
      kind: 'late-cancellations',
      text: `${s.lateCancellations} late cancellations (rides cancelled after a driver accepted them, rota shifts withdrawn after the cut-off) in the last ${r.windowDays} days`,
    });
  }
  if (s.ridesLastWeek > r.overuseFloor && s.ridesLastWeek > r.overuseFactor * s.territoryMedianLastWeek) {
    found.push({
      kind: 'overuse',
      text: `${s.ridesLastWeek} rides requested in 7 days; the territory's median is ${s.territoryMedianLastWeek}`,
    });
  }
  return found;
}
