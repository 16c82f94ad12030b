import { requestCost, type StepUse } from './request-cost.js';

const step = (rate: number, matched: number, share: number, api: number, db: number): StepUse => ({
  rate,
  matchedPerSecond: matched,
  offeredShare: share,
  cores: 2,
  processes: [
    { name: 'API', cpuPercent: api },
    { name: 'PostgreSQL backends', cpuPercent: db },
  ],
});

describe('requestCost', () => {
  it('charges each process the CPU above the first step, per extra matched request', () => {
    // 1 → 21 matched/s: the API +20 % of a core = 10 ms a request, PostgreSQL +40 % = 20 ms.
    const cost = requestCost([step(1, 1, 1, 30, 20), step(20, 21, 1, 50, 60)], 0.99)!;
    expect(cost.from).toBe(1);
    expect(cost.to).toBe(20);
    expect(cost.msPerRequest).toEqual([
      { name: 'API', ms: 10 },
      { name: 'PostgreSQL backends', ms: 20 },
    ]);
    // 2 cores − 0.5 used by the first step = 1.5 cores ÷ 30 ms = 50 more a second, beside the 1.
    expect(cost.projectedPerSecond).toBeCloseTo(51);
  });

  it('takes the highest step still served in time, else the one that matched most', () => {
    const steps = [step(1, 1, 1, 30, 20), step(10, 10, 1, 40, 40), step(50, 30, 0.2, 90, 90)];
    expect(requestCost(steps, 0.99)!.to).toBe(10);
    expect(
      requestCost(
        steps.map((s, i) => (i ? { ...s, offeredShare: 0.5 } : s)),
        0.99,
      )!.to,
    ).toBe(50);
  });

  it('says nothing without a later step that matched more', () => {
    expect(requestCost([step(1, 1, 1, 30, 20)], 0.99)).toBeUndefined();
    expect(requestCost([step(1, 1, 1, 30, 20), step(5, 1.5, 1, 35, 25)], 0.99)).toBeUndefined();
  });
});
