import { assignBatch, planarTravelTimes, type TripRequest, type Vehicle } from '@navette/matching';
import { communityHooks, type DriverFacts, type RideFacts } from './community-hooks.js';
import { ridesThatYield, type HoldRide } from './fair-hold.js';

const ride = (zoneServiceRate: number, waitedSeconds = 0): HoldRide => ({
  zoneServiceRate,
  waitedSeconds,
  maxWaitSeconds: 900,
});
const idle = { carrying: false, unavailable: null };
const busy = { carrying: true, unavailable: null };
const hold = { margin: 0.05, share: 0.5 };

describe('the fair hold: a better-served zone yields while capacity is contended', () => {
  it('holds back rides of zones served clearly better than the worst zone of the batch', () => {
    const rides = new Map([
      ['central', ride(0.95)],
      ['close-to-worst', ride(0.74)],
      ['outskirts', ride(0.7)],
    ]);
    expect(ridesThatYield(rides, [busy, busy], hold)).toEqual(new Set(['central']));
  });

  it('holds nobody when idle drivers can take every ride of the worst zones', () => {
    const rides = new Map([
      ['central', ride(0.95)],
      ['outskirts', ride(0.7)],
    ]);
    expect(ridesThatYield(rides, [idle, busy], hold)).toEqual(new Set());
    expect(ridesThatYield(rides, [busy, busy], hold)).toEqual(new Set(['central']));
    // A driver who cannot be asked now is not idle capacity.
    expect(ridesThatYield(rides, [{ carrying: false, unavailable: 'resting' }], hold)).toEqual(
      new Set(['central']),
    );
  });

  it('holds a ride for at most its share of the wait limit', () => {
    const rides = new Map([
      ['central-fresh', ride(0.95, 449)],
      ['central-waited', ride(0.95, 450)],
      ['outskirts', ride(0.7)],
    ]);
    expect(ridesThatYield(rides, [busy], hold)).toEqual(new Set(['central-fresh']));
  });

  it('holds nobody when all zones are served alike', () => {
    const rides = new Map([
      ['a', ride(0.9)],
      ['b', ride(0.88)],
    ]);
    expect(ridesThatYield(rides, [], hold)).toEqual(new Set());
  });
});

describe('the fair hold in the engine', () => {
  // One driver, on a trip with a rider aboard (so not idle); two new rides of zones served unevenly.
  const rideAt = (id: string, x: number): TripRequest => ({
    id,
    kind: 'ride',
    pickup: [x, 0],
    dropoff: [x + 300, 0],
    pickupWindow: [0, 900],
  });
  const central = rideAt('central', 200);
  const outskirts = rideAt('outskirts', 600);
  const aboard = rideAt('aboard', 0);
  const vehicle: Vehicle = {
    id: 'driver',
    at: [0, 0],
    availableFromSeconds: 0,
    capacity: { seats: 2 },
    aboard: [{ request: aboard, pickedUpAtSeconds: 0 }],
    stops: [{ requestId: 'aboard', type: 'dropoff' }],
  };
  const facts = (zoneServiceRate: number): RideFacts => ({
    riderId: `rider-${zoneServiceRate}`,
    chain: { ids: ['town'], escalateAfterSeconds: [] },
    waitedSeconds: 60,
    maxWaitSeconds: 900,
    maxTrustDistance: null,
    noPooling: false,
    zoneServiceRate,
  });
  const driver: DriverFacts = {
    territories: new Set(['town']),
    maxTrustDistance: null,
    loadShare: 0,
    availabilityShare: 1,
    unavailable: null,
    carrying: true,
  };
  const decide = (fairness: boolean) =>
    assignBatch({
      requests: [central, outskirts],
      vehicles: [vehicle],
      travel: planarTravelTimes(10),
      now: 60,
      hooks: communityHooks({
        rides: new Map([
          ['central', facts(0.95)],
          ['outskirts', facts(0.7)],
        ]),
        drivers: new Map([['driver', driver]]),
        trust: () => undefined,
        blockedPairs: new Set(),
        lending: [],
        askedPairs: new Set(),
        fairness,
      }),
    });

  it('without fairness both rides join the trip; with it the central ride yields this batch, and says why', () => {
    const off = decide(false);
    expect(off.explanations.find((e) => e.requestId === 'central')?.vehicleId).toBe('driver');
    expect(off.explanations.find((e) => e.requestId === 'outskirts')?.vehicleId).toBe('driver');

    const on = decide(true);
    const held = on.explanations.find((e) => e.requestId === 'central')!;
    expect(held.vehicleId).toBeUndefined();
    expect(held.others).toEqual([{ vehicleId: 'driver', reason: 'yields-to-worse-served-zone' }]);
    expect(on.explanations.find((e) => e.requestId === 'outskirts')?.vehicleId).toBe('driver');
  });
});
