import type { LngLat, OfferView, RideView, RouteView, ShiftView } from '@navette/contracts';
import { seeded } from '../../infra/sim/geometry.js';
import { brokenInvariants, DISPATCH_INVARIANTS } from './dispatch-invariants.js';
import type { DispatcherProcess } from './dispatcher-process.js';
import type { Fixtures } from './fixtures.js';
import { aDriverOnShift, client, eventually, login, type Socket, type Stack } from './stack.js';

/** What a random schedule can do; each is one or two real HTTP requests (or a SIGKILL). */
const ACTIONS = {
  request: 6,
  accept: 6,
  decline: 1,
  cancel: 2,
  pickup: 4,
  dropoff: 4,
  noShow: 1,
  acceptAtDropoff: 3,
  shiftEnd: 1,
  shiftStart: 2,
  kill: 0.4,
} satisfies Record<string, number>;
type ActionKind = keyof typeof ACTIONS;

type Http = ReturnType<typeof client>;

interface Driver {
  id: string;
  http: Http;
  socket: Socket;
  /** Offers announced to the driver and not yet answered or expired, as far as the driver knows. */
  offers: Set<string>;
  /** Accepted a ride since the shift began: the marks go to such drivers first. */
  busy: boolean;
  /** Called on each offer announced, while a schedule runs: a driver may answer at once. */
  onOffer?: (offerId: string) => void;
}

interface Rider {
  http: Http;
  rides: string[];
}

/** The territory, drivers and riders every interleaving plays with, on one stack. */
export interface World {
  stack: Stack;
  fixtures: Fixtures;
  dispatcher: DispatcherProcess;
  centre: LngLat;
  /** Half the side of the square territory, degrees. */
  half: number;
  /** Drivers in each schedule. */
  driverCount: number;
  /** The drivers of the current schedule. */
  drivers: Driver[];
  riders: Rider[];
}

export interface InterleavingReport {
  seed: number;
  /** Actions fired, by kind. */
  fired: Partial<Record<ActionKind | 'answerOnArrival', number>>;
  /** Requests answered 2xx, by request. */
  succeeded: Record<string, number>;
  /** Invariant checks made (mid-flight and after the drain). */
  invariantsChecked: number;
  /** How long the actions ran, and the drain after them, milliseconds. */
  actionsMs: number;
  drainMs: number;
  /** Broken invariants, and requests answered with a 5xx. */
  broken: { name: string; rows: unknown[] }[];
}

/** Opens the world: a territory, riders logged in, and a first set of drivers. */
export async function openWorld(
  stack: Stack,
  fixtures: Fixtures,
  dispatcher: DispatcherProcess,
  size: { drivers: number; riders: number; centre: LngLat; half: number },
): Promise<World> {
  const { centre, half } = size;
  await fixtures.aTerritory({ centre, half, offerTimeoutSeconds: 5, maxWaitSeconds: 900 });
  const riders: Rider[] = [];
  for (let i = 0; i < size.riders; i++) {
    const r = await fixtures.aMember('rider');
    riders.push({
      http: client(stack.baseUrl, (await login(stack.baseUrl, r.email, r.password)).token),
      rides: [],
    });
  }
  const world: World = {
    stack,
    fixtures,
    dispatcher,
    centre,
    half,
    driverCount: size.drivers,
    drivers: [],
    riders,
  };
  await freshDrivers(world, () => 0.5);
  // Warm-up: a first ride offered proves the dispatcher process is up before any schedule starts.
  const warmUp = await riders[0]!.http.post<RideView>('/api/rides', {
    pickup: { type: 'Point', coordinates: centre },
    dropoff: { type: 'Point', coordinates: [centre[0] + half / 2, centre[1]] },
  });
  await eventually(
    () => Promise.resolve(world.drivers.some((d) => d.offers.size > 0) ? true : undefined),
    30_000,
  );
  await riders[0]!.http.post(`/api/rides/${warmUp.body.id}/cancel`);
  return world;
}

export function closeWorld(world: World): void {
  for (const d of world.drivers) d.socket.close();
}

/** A random place inside the territory, away from its edges. */
function placeIn(world: World, random: () => number): LngLat {
  return [
    world.centre[0] + (random() * 1.6 - 0.8) * world.half,
    world.centre[1] + (random() * 1.6 - 0.8) * world.half,
  ];
}

/**
 * New drivers on shift at random places, with sockets that keep their offers. Each schedule gets
 * its own: a volunteer who declined or let an offer expire rests for ten minutes (a community
 * rule), and drivers from an earlier schedule would all be resting.
 */
async function freshDrivers(world: World, random: () => number): Promise<void> {
  closeWorld(world);
  world.drivers = [];
  for (let i = 0; i < world.driverCount; i++) {
    const d = await aDriverOnShift(world.stack, world.fixtures, placeIn(world, random));
    const driver: Driver = { id: d.id, http: d.http, socket: d.socket, offers: new Set(), busy: false };
    d.socket.on('offer:received', (offer: OfferView) => {
      driver.offers.add(offer.id);
      driver.onOffer?.(offer.id);
    });
    d.socket.on('offer:expired', ({ offerId }: { offerId: string }) => driver.offers.delete(offerId));
    world.drivers.push(driver);
  }
}

/**
 * One interleaving: new drivers start their shifts, then `actions` random actions are fired with
 * random gaps, up to six in flight at once, while the dispatcher matches (and is killed now and
 * then); the invariants are checked once mid-flight. Then the drain: riders aboard are dropped
 * off, every shift ends, the system settles, and every invariant is checked. Rides still waiting
 * are then cancelled, so that each schedule starts from an empty queue.
 */
export async function runInterleaving(
  world: World,
  seed: number,
  actions: number,
): Promise<InterleavingReport> {
  // The simulator's seeded generator: a schedule is replayed from its seed, timing aside.
  const random = seeded(seed);
  const pick = <T>(items: readonly T[]): T | undefined => items[Math.floor(random() * items.length)];
  const place = () => placeIn(world, random);
  const broken: InterleavingReport['broken'] = [];
  const fired: InterleavingReport['fired'] = {};
  const succeeded: Record<string, number> = {};
  const answered =
    (kind: string) =>
    <T>(response: { status: number; body: T }) => {
      if (response.status < 300) succeeded[kind] = (succeeded[kind] ?? 0) + 1;
      process.stdout.write(`${kind} ${response.status} ${JSON.stringify(response.body)}\n`);
      if (response.status >= 500)
        broken.push({ name: `no request answered 5xx (${kind})`, rows: [response.body] });
      return response;
    };

  await freshDrivers(world, random);
  const startedAt = Date.now();

  const route = async (d: Driver) => (await d.http.get<RouteView>('/api/trips/route')).body.stops ?? [];
  /** Rides on the driver's route already picked up: a drop-off stop and no pick-up stop left. */
  const aboard = (stops: RouteView['stops']) =>
    stops
      .filter((s) => s.type === 'dropoff')
      .filter((s) => !stops.some((p) => p.type === 'pickup' && p.rideId === s.rideId))
      .map((s) => s.rideId);
  const mark = (d: Driver, rideId: string, event: 'picked_up' | 'dropped_off' | 'no_show') =>
    d.http.post(`/api/trips/${rideId}/mark`, { event }).then(answered(`mark ${event}`));
  const answer = async (d: Driver, offerId: string, verb: 'accept' | 'decline') => {
    d.offers.delete(offerId);
    const response = await d.http.post(`/api/offers/${offerId}/${verb}`).then(answered(verb));
    if (verb === 'accept' && response.status === 200) d.busy = true;
  };
  /** A driver to mark a stop: one who accepted a ride, most of the time. */
  const carrier = () =>
    (random() < 0.9 ? pick(world.drivers.filter((d) => d.busy)) : undefined) ?? pick(world.drivers)!;

  const run: Record<ActionKind, () => Promise<unknown>> = {
    request: async () => {
      const rider = pick(world.riders)!;
      const created = await rider.http
        .post<RideView>('/api/rides', {
          pickup: { type: 'Point', coordinates: place() },
          dropoff: { type: 'Point', coordinates: place() },
        })
        .then(answered('request'));
      if (created.status === 201) rider.rides.push(created.body.id);
    },
    accept: async () => {
      const d = pick(world.drivers.filter((x) => x.offers.size > 0));
      if (d) await answer(d, pick([...d.offers])!, 'accept');
    },
    decline: async () => {
      const d = pick(world.drivers.filter((x) => x.offers.size > 0));
      if (d) await answer(d, pick([...d.offers])!, 'decline');
    },
    cancel: async () => {
      const rider = pick(world.riders.filter((r) => r.rides.length > 0));
      const ride = rider && pick(rider.rides);
      if (ride) await rider.http.post(`/api/rides/${ride}/cancel`).then(answered('cancel'));
    },
    pickup: async () => {
      const d = carrier();
      const stop = (await route(d)).find((s) => s.type === 'pickup');
      if (stop) await mark(d, stop.rideId, 'picked_up');
    },
    dropoff: async () => {
      const d = carrier();
      const ride = pick(aboard(await route(d)));
      if (ride) await mark(d, ride, 'dropped_off');
    },
    noShow: async () => {
      const d = carrier();
      const stop = (await route(d)).find((s) => s.type === 'pickup');
      if (stop) await mark(d, stop.rideId, 'no_show');
    },
    // The race of the issue: a pooled offer accepted at the moment the last rider is dropped off.
    acceptAtDropoff: async () => {
      const d = pick(world.drivers.filter((x) => x.offers.size > 0 && x.busy));
      if (!d) return;
      const ride = pick(aboard(await route(d)));
      const offer = pick([...d.offers]);
      if (!offer) return;
      await Promise.all([answer(d, offer, 'accept'), ride ? mark(d, ride, 'dropped_off') : undefined]);
    },
    shiftEnd: async () => {
      const d = pick(world.drivers)!;
      if ((await d.http.post('/api/shifts/end').then(answered('shift end'))).status === 200) d.busy = false;
    },
    shiftStart: async () => {
      await pick(world.drivers)!
        .http.post('/api/shifts/start', { position: place() })
        .then(answered('shift start'));
    },
    kill: async () => {
      await world.dispatcher.kill();
      world.dispatcher.start();
    },
  };

  const kinds = Object.entries(ACTIONS) as [ActionKind, number][];
  const total = kinds.reduce((sum, [, w]) => sum + w, 0);
  const chooseKind = (): ActionKind => {
    let x = random() * total;
    for (const [kind, weight] of kinds) if ((x -= weight) < 0) return kind;
    return 'request';
  };

  let invariantsChecked = 0;
  const inFlight = new Set<Promise<unknown>>();
  const launch = (kind: ActionKind | 'answerOnArrival', act: () => Promise<unknown>) => {
    fired[kind] = (fired[kind] ?? 0) + 1;
    const action: Promise<unknown> = act().catch((error: unknown) =>
      broken.push({ name: `action ${kind} failed`, rows: [String(error)] }),
    );
    inFlight.add(action);
    void action.finally(() => inFlight.delete(action));
  };
  // Most offers are answered as they arrive, after a moment (60 % accepted, 20 % declined), the
  // rest by the random actions or their expiry: drivers get busy, routes pool, offers keep coming.
  for (const d of world.drivers) {
    d.onOffer = (offerId) => {
      const draw = random();
      if (draw >= 0.8) return;
      const verb = draw < 0.6 ? 'accept' : 'decline';
      const delayMs = random() * 200;
      launch('answerOnArrival', async () => {
        await new Promise((r) => setTimeout(r, delayMs));
        if (d.offers.has(offerId)) await answer(d, offerId, verb);
      });
    };
  }
  const midpoint = Math.floor(actions / 2);
  for (let i = 0; i < actions; i++) {
    if (i === midpoint) {
      broken.push(...(await brokenInvariants(world.fixtures.db, { drained: false })));
      invariantsChecked += DISPATCH_INVARIANTS.filter((inv) => !inv.drainedOnly).length;
    }
    const kind = chooseKind();
    launch(kind, run[kind]);
    if (inFlight.size >= 6) await Promise.race(inFlight);
    await new Promise((r) => setTimeout(r, random() * 120));
  }
  for (const d of world.drivers) d.onOffer = undefined;
  await Promise.all(inFlight);
  const actionsMs = Date.now() - startedAt;

  world.dispatcher.start();
  await drain(world, mark, route, aboard);
  const drainMs = Date.now() - startedAt - actionsMs;
  broken.push(...(await brokenInvariants(world.fixtures.db, { drained: true })));
  invariantsChecked += DISPATCH_INVARIANTS.length + 1; // and: no request answered 5xx
  for (const rider of world.riders) {
    const waiting = await world.fixtures.db.query<{ id: string }>(
      `SELECT id FROM rides WHERE id = ANY($1::uuid[]) AND status = 'requested'`,
      [rider.rides],
    );
    for (const { id } of waiting.rows) await rider.http.post(`/api/rides/${id}/cancel`);
    rider.rides = [];
  }
  return { seed, fired, succeeded, invariantsChecked, actionsMs, drainMs, broken };
}

/** Drops off every rider aboard and ends every shift, until all is settled (or 40 s pass). */
async function drain(
  world: World,
  mark: (d: Driver, rideId: string, event: 'dropped_off') => Promise<unknown>,
  route: (d: Driver) => Promise<RouteView['stops']>,
  aboard: (stops: RouteView['stops']) => string[],
): Promise<void> {
  await eventually(async () => {
    let onShift = 0;
    for (const d of world.drivers) {
      if (!(await d.http.get<ShiftView | undefined>('/api/shifts/current')).body) continue;
      onShift++;
      for (const ride of aboard(await route(d))) await mark(d, ride, 'dropped_off');
      await d.http.post('/api/shifts/end');
    }
    if (onShift > 0) return undefined;
    // Offers a batch wrote while the shift was ending expire on their own (offer timeout 5 s).
    const open = await world.fixtures.db.query(
      `SELECT 1 FROM trips WHERE status IN ('offered', 'active') UNION ALL SELECT 1 FROM offers WHERE status = 'pending'`,
    );
    return open.rowCount === 0 ? true : undefined;
  }, 40_000).catch(() => undefined); // what did not settle shows as a broken invariant
  for (const d of world.drivers) {
    d.offers.clear();
    d.busy = false;
  }
}
