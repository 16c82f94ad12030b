import { assignBatch, type PlannedRoute, type TripRequest, type Vehicle } from './index.js';
import { aDriver, aRequest, cityTravel, near } from './fixtures/builders.js';

/** A driver who promised two rides and can no longer reach the first one's pickup in its window. */
function aLateDriver(): { driver: Vehicle; late: TripRequest; onTime: TripRequest } {
  // 300 s away at 10 m/s; the window closed at 100 s.
  const late = aRequest({ from: near(3000, 0), to: near(6000, 0), pickupWindow: [0, 100] });
  const onTime = aRequest({ from: near(0, 3000), to: near(0, 6000), maxWaitSeconds: 3000 });
  const driver = aDriver({
    at: near(0, 0),
    assigned: [late, onTime],
    stops: [
      { requestId: late.id, type: 'pickup' },
      { requestId: late.id, type: 'dropoff' },
      { requestId: onTime.id, type: 'pickup' },
      { requestId: onTime.id, type: 'dropoff' },
    ],
  });
  return { driver, late, onTime };
}

const stopsOf = (route: PlannedRoute | undefined) =>
  route?.stops.map((s) => `${s.requestId}:${s.type}`) ?? [];

describe('promises already late', () => {
  test('a committed ride the driver can only reach late keeps its stops when a new ride is planned in', () => {
    const { driver, late, onTime } = aLateDriver();
    const fresh = aRequest({ from: near(1500, 0), to: near(4500, 0), maxWaitSeconds: 600 });
    const result = assignBatch(
      { requests: [fresh], vehicles: [driver], travel: cityTravel(), now: 0 },
      { improve: { seed: 1, iterations: 200 } },
    );
    const route = result.routes.find((r) => r.vehicleId === driver.id);
    for (const id of [late.id, onTime.id])
      expect(stopsOf(route)).toEqual(expect.arrayContaining([`${id}:pickup`, `${id}:dropoff`]));
    expect(stopsOf(route)).toContain(`${fresh.id}:pickup`);
  });

  test('a new ride off the way is planned after the late pickup, not before it', () => {
    const { driver, late } = aLateDriver();
    // Off the way: fetching it first would add ~300 s before the late pickup.
    const fresh = aRequest({ from: near(0, 1500), to: near(0, 1600), maxWaitSeconds: 3000 });
    const result = assignBatch(
      { requests: [fresh], vehicles: [driver], travel: cityTravel(), now: 0 },
      { improve: { seed: 1, iterations: 200 } },
    );
    const stops = stopsOf(result.routes.find((r) => r.vehicleId === driver.id));
    expect(stops).toContain(`${fresh.id}:pickup`);
    expect(stops.indexOf(`${late.id}:pickup`)).toBeLessThan(stops.indexOf(`${fresh.id}:pickup`));
  });
});

describe('promises kept', () => {
  test('a committed ride is never traded for a new one that only fits without it', () => {
    // One seat; the committed pickup is 300 s away with 10 s to spare, the new ride next door can
    // only be served by going there first (it cannot wait for the committed trip to end).
    const committed = aRequest({ from: near(3000, 0), to: near(6000, 0), pickupWindow: [0, 310] });
    const driver = aDriver({
      at: near(0, 0),
      capacity: { seats: 1 },
      assigned: [committed],
      stops: [
        { requestId: committed.id, type: 'pickup' },
        { requestId: committed.id, type: 'dropoff' },
      ],
    });
    const fresh = aRequest({ from: near(100, 0), to: near(0, 100), pickupWindow: [0, 300] });
    const result = assignBatch(
      { requests: [fresh], vehicles: [driver], travel: cityTravel(), now: 0 },
      { improve: { seed: 1, iterations: 200 } },
    );
    expect(result.unassigned).toEqual([fresh.id]);
    const route = result.routes.find((r) => r.vehicleId === driver.id);
    // Unchanged (so not among the routes returned), or changed with the committed stops kept.
    if (route) expect(stopsOf(route)).toEqual([`${committed.id}:pickup`, `${committed.id}:dropoff`]);
  });
});
