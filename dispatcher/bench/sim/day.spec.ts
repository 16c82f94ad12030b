import { simulateDay, summarise } from './day.js';
import { HELSINKI_FALLBACK } from './zones.js';

describe('the simulated day', () => {
  const run = (fairness: boolean) =>
    simulateDay({ town: HELSINKI_FALLBACK, vehicles: 3, hours: 0.75, seed: 5, fairness });

  it('decides every request, zone by zone', () => {
    const tally = run(true);
    const day = summarise([tally]);
    expect(day.requests).toBeGreaterThan(40);
    expect(day.served).toBeGreaterThan(0);
    expect(day.served).toBeLessThan(day.requests);
    expect(day.zones.reduce((s, z) => s + z.requests, 0)).toBe(day.requests);
    expect(day.zones.reduce((s, z) => s + z.served, 0)).toBe(day.served);
    for (const z of day.zones) expect(z.served + z.refused).toBe(z.requests);
    // Refusals by the hour they were asked in add up to the zone's.
    for (const z of tally.zones)
      expect(z.refusedByHour.reduce((s, n) => s + n, 0)).toBe(z.requests - z.served);
    expect(day.meanRideOverDirect).toBeGreaterThanOrEqual(0.99);
    expect(day.meanWaitSeconds).toBeLessThanOrEqual(900 + 30);
  });

  it('is the same day for the same seed, with the same demand whether fairness is on or off', () => {
    const a = run(false);
    expect({ ...a, decideMs: 0 }).toEqual({ ...run(false), decideMs: 0 });
    expect(run(true).zones.map((z) => z.requests)).toEqual(a.zones.map((z) => z.requests));
  });

  it('adds days up before dividing', () => {
    const a = run(false);
    const both = summarise([a, a]);
    const one = summarise([a]);
    expect(both.requests).toBe(2 * one.requests);
    expect(both.serviceRate).toBeCloseTo(one.serviceRate);
    expect(both.refusalGini).toBeCloseTo(one.refusalGini);
  });
});
