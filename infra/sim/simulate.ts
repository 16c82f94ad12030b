import type {
  Ack,
  LoginResponse,
  OfferView,
  RideView,
  RouteStopView,
  RouteView,
  TerritoryCollection,
  TripView,
} from '@navette/contracts';
import { io, type Socket } from 'socket.io-client';
import {
  cityBlockPath,
  meters,
  pathLength,
  pointAlong,
  randomPointIn,
  seeded,
  type LngLat,
} from './geometry.js';
import { HELSINKI_STREETS } from './helsinki-streets.js';

/**
 * Brings the demo map to life against a running Navette (`NAVETTE_URL`, default
 * http://localhost:3000): the demo drivers start their shifts, cruise along real streets, answer
 * offers (most accepted, some declined) and drive their routes stop by stop, boarding and dropping
 * riders after a short while; a few riders request rides between neighbourhoods every few seconds.
 * Bounded: stops after NAVETTE_SIMULATE_MINUTES (default 60) or NAVETTE_SIMULATE_MAX_RIDES
 * requests (default 500), and on SIGINT/SIGTERM.
 */
const base = process.env.NAVETTE_URL ?? 'http://localhost:3000';
const minutes = Number(process.env.NAVETTE_SIMULATE_MINUTES ?? 60);
const maxRides = Number(process.env.NAVETTE_SIMULATE_MAX_RIDES ?? 500);
const PASSWORD = 'navette-demo';
/** About 30 km/h, in meters per second. */
const SPEED_MPS = 8.5;
const TICK_MS = 3000;
const REQUEST_EVERY_MS = 6000;
const ACCEPT_RATE = 0.85;
const random = seeded(Number(process.env.NAVETTE_SIMULATE_SEED ?? 7));
const drivers = ['dan', 'emma', 'frans', 'greta', 'hugo', 'iida', 'jean', 'kalle', 'lotta', 'matti'];
// Every demo rider but Alice, who is left for a person to try the map with.
const riders = [
  'bruno',
  'chloe',
  'eero',
  'fatima',
  'gustav',
  'helmi',
  'ines',
  'juho',
  'kaisa',
  'leo',
  'mira',
  'niko',
  'olga',
  'pauli',
  'rosa',
  'sami',
  'tuuli',
  'ulla',
  'valtteri',
];
const streets = Object.values(HELSINKI_STREETS);

const timers: NodeJS.Timeout[] = [];
const sockets: Socket[] = [];
const counts = { requested: 0, refused: 0, accepted: 0, declined: 0, picked_up: 0, dropped_off: 0 };
const finished = { completed: 0, unserved: 0, cancelled: 0 };

const between = (low: number, high: number) => low + random() * (high - low);
const log = (line: string) => console.log(line);

async function call<T>(path: string, token?: string, body?: unknown): Promise<T> {
  const response = await fetch(`${base}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

const login = (who: string) =>
  call<LoginResponse>('/api/auth/login', undefined, { email: `${who}@demo.navette.org`, password: PASSWORD });

function connect(token: string): Socket {
  const socket = io(base, { auth: { token }, transports: ['websocket'] });
  sockets.push(socket);
  return socket;
}

async function emit<T>(socket: Socket, event: string, payload: unknown): Promise<Ack<T> | undefined> {
  return (socket.timeout(5000).emitWithAck(event, payload) as Promise<Ack<T>>).catch(() => undefined);
}

const failure = (ack: Ack<unknown> | undefined) =>
  ack === undefined ? 'no answer' : 'error' in ack ? ack.error.code : undefined;

/** Where a driver is heading: a stop of the route, or a cruise along a street while idle. */
interface Leg {
  path: LngLat[];
  travelledMeters: number;
  stop?: RouteStopView;
  /** When the driver at the stop is done boarding or unloading (ms since the epoch). */
  readyAt?: number;
}

/** A street to cruise, entered at its nearer end. */
function cruiseFrom(position: LngLat): LngLat[] {
  const street = streets[Math.floor(random() * streets.length)]!;
  const forward = meters(position, street[0]!) <= meters(position, street[street.length - 1]!);
  const ordered = forward ? [...street] : [...street].reverse();
  return [...cityBlockPath(position, ordered[0]!), ...ordered.slice(1)];
}

async function driver(who: string, start: LngLat): Promise<void> {
  const { token } = await login(who);
  // Drivers seeded on shift already have one; Dan starts his here.
  await call('/api/shifts/start', token, { position: start }).catch(() => undefined);
  const socket = connect(token);
  let position = start;
  let leg: Leg = { path: cruiseFrom(position), travelledMeters: 0 };
  let busy = false;

  socket.on('offer:received', (offer: OfferView) => {
    const accept = random() < ACCEPT_RATE;
    // A person reads the offer before answering.
    const timer = setTimeout(
      () => {
        void (async () => {
          const ack = await emit<TripView>(socket, accept ? 'offer:accept' : 'offer:decline', {
            offerId: offer.id,
          });
          const why = failure(ack);
          if (why) return log(`${who}: could not ${accept ? 'accept' : 'decline'} an offer (${why})`);
          counts[accept ? 'accepted' : 'declined']++;
          log(`${who} ${accept ? 'accepted' : 'declined'} a ride (${offer.approachMeters} m away)`);
        })();
      },
      between(2000, 7000),
    );
    timers.push(timer);
  });
  socket.on('connect', () => void emit(socket, 'offers:resend', {}));

  const tick = async () => {
    const route = await call<RouteView>('/api/trips/route', token).catch(() => undefined);
    const next = route?.stops[0];
    const sameStop = (a?: RouteStopView, b?: RouteStopView) =>
      a !== undefined && b !== undefined && a.rideId === b.rideId && a.type === b.type;
    if (next && !sameStop(next, leg.stop)) {
      leg = { path: cityBlockPath(position, next.position), travelledMeters: 0, stop: next };
    } else if (!next && (leg.stop || leg.travelledMeters >= pathLength(leg.path))) {
      leg = { path: cruiseFrom(position), travelledMeters: 0 };
    }
    leg.travelledMeters += (SPEED_MPS * TICK_MS) / 1000;
    position = pointAlong(leg.path, leg.travelledMeters);
    await emit(socket, 'position:report', { position });

    const stop = leg.stop;
    if (!stop || leg.travelledMeters < pathLength(leg.path)) return;
    // At the stop: riders take a little while to get in or out.
    leg.readyAt ??= Date.now() + between(8000, 25000);
    if (Date.now() < leg.readyAt) return;
    const event = stop.type === 'pickup' ? 'picked_up' : 'dropped_off';
    const why = failure(await emit<TripView>(socket, 'trip:mark', { rideId: stop.rideId, event }));
    if (why) return log(`${who}: could not mark ${event} (${why})`);
    counts[event]++;
    log(`${who} ${event === 'picked_up' ? 'picked up' : 'dropped off'} ${stop.riderName}`);
  };
  timers.push(
    setInterval(() => {
      if (busy) return;
      busy = true;
      void tick().finally(() => (busy = false));
    }, TICK_MS),
  );
}

async function main(): Promise<void> {
  const territories = await call<TerritoryCollection>('/api/territories');
  const neighbourhoods = territories.features
    .filter((f) => f.properties.level === 'neighbourhood')
    .map((f) =>
      f.geometry.type === 'Polygon' ? f.geometry.coordinates[0]! : f.geometry.coordinates[0]![0]!,
    );
  if (neighbourhoods.length === 0) throw new Error('no neighbourhoods: is the demo seed loaded?');
  const somewhere = () =>
    randomPointIn(neighbourhoods[Math.floor(random() * neighbourhoods.length)]!, random);

  for (const who of drivers) await driver(who, somewhere());

  // Riders: one open request each at most; they hear about their rides over the socket. A request
  // not heard of for ten minutes is forgotten, so a lost event cannot silence a rider for good.
  const open = new Map<string, number>();
  const people = await Promise.all(
    riders.map(async (who) => {
      const { token } = await login(who);
      connect(token).on('ride:updated', (ride: RideView) => {
        if (ride.status === 'completed' || ride.status === 'unserved' || ride.status === 'cancelled') {
          if (open.delete(who)) finished[ride.status]++;
        }
      });
      return { who, token };
    }),
  );
  timers.push(
    setInterval(() => {
      if (counts.requested >= maxRides) {
        log(`${maxRides} requests made: done`);
        return stop();
      }
      const idle = people.filter((p) => (open.get(p.who) ?? 0) < Date.now() - 600_000);
      const rider = idle[Math.floor(random() * idle.length)];
      if (!rider) return;
      const pickup = somewhere();
      const dropoff = somewhere();
      if (meters(pickup, dropoff) < 400) return;
      counts.requested++;
      open.set(rider.who, Date.now());
      call<RideView>('/api/rides', rider.token, {
        kind: 'ride',
        pickup: { type: 'Point', coordinates: pickup },
        dropoff: { type: 'Point', coordinates: dropoff },
        seats: 1 + Math.floor(random() * 2),
      }).then(
        () => log(`${rider.who} asked for a ride (${Math.round(meters(pickup, dropoff))} m)`),
        (error: Error) => {
          open.delete(rider.who);
          counts.refused++;
          log(`${rider.who}'s request refused: ${error.message}`);
        },
      );
    }, REQUEST_EVERY_MS),
  );
  timers.push(
    setInterval(() => log(`so far: ${JSON.stringify({ ...counts, ...finished, open: open.size })}`), 60_000),
  );
  log(
    `simulating ${drivers.length} drivers and ${riders.length} riders for ${minutes} min ` +
      `(at most ${maxRides} requests) on ${base}`,
  );
  timers.push(setTimeout(stop, minutes * 60_000));
}

function stop(): void {
  for (const t of timers) clearTimeout(t);
  for (const s of sockets) s.close();
  log(`simulation over: ${JSON.stringify({ ...counts, ...finished })}`);
  process.exit(0);
}
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
main().catch((error: Error) => {
  console.error(`simulator: ${error.message}`);
  process.exit(1);
});
