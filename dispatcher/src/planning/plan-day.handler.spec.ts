import type { PlanDayJob, PlanDayRide } from '@navette/contracts';
import { PlanDayHandler } from './plan-day.handler.js';

const day = Date.parse('2026-12-07T00:00:00Z') / 1000;
const driver = (id: string, home: [number, number], cargoUnits: number) => ({
  id,
  name: id,
  home,
  seats: 4,
  wheelchairPlaces: 0,
  cargoUnits,
});

/** A task booked for 09:00, 2 units, with the territory's default task limits. */
const aParcel = (overrides: Partial<PlanDayRide> = {}): PlanDayRide => ({
  id: 'parcel',
  kind: 'task',
  pickup: [24.951, 60.181],
  dropoff: [24.96, 60.19],
  seats: 0,
  wheelchairPlaces: 0,
  cargoUnits: 2,
  pickupAtSeconds: day + 9 * 3600,
  maxWaitSeconds: 7200,
  maxDetourFactor: 3,
  ...overrides,
});

describe('planning a day with tasks booked ahead', () => {
  it('gives a parcel to the driver with a boot, and keeps its delivery window', () => {
    const job: PlanDayJob = {
      territoryId: 't1',
      date: '2026-12-07',
      drivers: [driver('no-boot', [24.95, 60.18], 0), driver('boot', [24.99, 60.2], 4)],
      rides: [aParcel({ deliverAfterSeconds: day + 10 * 3600, deliverBeforeSeconds: day + 11 * 3600 })],
    };
    const rota = new PlanDayHandler().handle(job);
    expect(rota.unassigned).toEqual([]);
    expect(rota.routes.map((r) => r.driverId)).toEqual(['boot']);
    const delivered = rota.routes[0]!.stops.find((s) => s.type === 'dropoff')!;
    expect(Date.parse(delivered.at) / 1000).toBeGreaterThanOrEqual(day + 10 * 3600);
    expect(Date.parse(delivered.at) / 1000).toBeLessThanOrEqual(day + 11 * 3600);
  });

  it('leaves a parcel nobody has room for unassigned', () => {
    const rota = new PlanDayHandler().handle({
      territoryId: 't1',
      date: '2026-12-07',
      drivers: [driver('small', [24.95, 60.18], 1)],
      rides: [aParcel({ id: 'sofa', cargoUnits: 6 })],
    });
    expect(rota.unassigned).toEqual(['sofa']);
  });
});
