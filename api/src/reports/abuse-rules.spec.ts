import { abuseFindings } from './abuse-rules.js';

const quiet = {
  distinctFailureReporters: 0,
  noShowReports: 0,
  lateCancellations: 0,
  ridesLastWeek: 2,
  territoryMedianLastWeek: 2,
};

describe('automatic abuse reports', () => {
  it('a quiet history raises nothing; one or two failures are not enough', () => {
    expect(abuseFindings(quiet)).toEqual([]);
    expect(abuseFindings({ ...quiet, distinctFailureReporters: 2 })).toEqual([]);
  });

  it('failures toward three different people raise a report with the evidence', () => {
    expect(abuseFindings({ ...quiet, distinctFailureReporters: 3 })).toEqual([
      { kind: 'repeated-failures', text: '3 different people reported a failed trip in the last 30 days' },
    ]);
  });

  it('repeated no-shows, late cancellations and use far beyond the norm each raise their own', () => {
    const kinds = abuseFindings({ ...quiet, noShowReports: 2, lateCancellations: 3, ridesLastWeek: 30 }).map(
      (f) => f.kind,
    );
    expect(kinds).toEqual(['no-show', 'late-cancellations', 'overuse']);
  });

  it('heavy use is normal where everyone rides a lot', () => {
    expect(abuseFindings({ ...quiet, ridesLastWeek: 30, territoryMedianLastWeek: 8 })).toEqual([]);
  });
});
