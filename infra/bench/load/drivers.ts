// A thread of simulated drivers (bench:load): each logs in, starts a shift at a random point of a
// demo neighbourhood, keeps a socket.io connection, reports positions while driving city blocks
// (along the longitude, then the latitude) to another point of that neighbourhood, again and
// again, accepts every offer at once and completes the ride after `tripMs` (picked up half way),
// so that they are free again. Drivers stay spread over the neighbourhoods as the requests are.
import type { Ack, OfferView } from '@navette/contracts';
import { parentPort, workerData } from 'node:worker_threads';
import { io, type Socket } from 'socket.io-client';
import {
  cityBlockPath,
  pathLength,
  pointAlong,
  randomPointIn,
  seeded,
  type LngLat,
} from '../../sim/geometry.js';
import { callApi, logIn } from './http-client.js';
import { now, positionKey, type DriversStart, type Stop } from './messages.js';
import { bringOnline, finish, Recorder } from './recorder.js';

/** About 30 km/h. */
const SPEED_MPS = 8.5;
const ACK_TIMEOUT_MS = 10_000;

interface Driver {
  id: string;
  area: LngLat[];
  socket: Socket;
  path: LngLat[];
  startedAt: number;
  nextReportAt: number;
  /** Rides offered and not yet dropped off. */
  rides: Set<string>;
}

const start = workerData as DriversStart;
const random = seeded(start.seed);
const drivers: Driver[] = [];
const offered = new Set<string>();
const timers = new Set<NodeJS.Timeout>();
const recorder = new Recorder(() => ({
  busy: drivers.filter((d) => d.rides.size > 0).length,
  online: drivers.filter((d) => d.socket.connected).length,
}));

const failure = (ack: Ack<unknown> | undefined) =>
  ack === undefined ? 'no answer' : 'error' in ack ? ack.error.code : undefined;

async function emit(socket: Socket, event: string, payload: unknown): Promise<Ack<unknown> | undefined> {
  return (socket.timeout(ACK_TIMEOUT_MS).emitWithAck(event, payload) as Promise<Ack<unknown>>).catch(
    () => undefined,
  );
}

function later(ms: number, work: () => Promise<void>): void {
  const timer = setTimeout(() => {
    timers.delete(timer);
    void work();
  }, ms);
  timers.add(timer);
}

function position(driver: Driver, at: number): LngLat {
  const travelled = ((at - driver.startedAt) / 1000) * SPEED_MPS;
  if (travelled >= pathLength(driver.path)) {
    const end = driver.path[driver.path.length - 1]!;
    driver.path = cityBlockPath(end, randomPointIn(driver.area, random));
    driver.startedAt = at;
    return end;
  }
  return pointAlong(driver.path, travelled);
}

async function mark(driver: Driver, rideId: string, event: 'picked_up' | 'dropped_off'): Promise<void> {
  const why = failure(await emit(driver.socket, 'trip:mark', { rideId, event }));
  if (why) recorder.error(`trip:mark ${why}`);
}

function onOffer(driver: Driver, offer: OfferView): void {
  const at = now();
  if (!offered.has(offer.rideId)) {
    offered.add(offer.rideId);
    recorder.records.offers.push([offer.rideId, at]);
  }
  driver.rides.add(offer.rideId);
  void (async () => {
    const sentAt = now();
    const why = failure(await emit(driver.socket, 'offer:accept', { offerId: offer.id }));
    recorder.records.accepts.push([offer.rideId, sentAt, why === undefined]);
    if (why) {
      recorder.error(`offer:accept ${why}`);
      driver.rides.delete(offer.rideId);
      return;
    }
    later(start.tripMs / 2, () => mark(driver, offer.rideId, 'picked_up'));
    later(start.tripMs, async () => {
      await mark(driver, offer.rideId, 'dropped_off');
      driver.rides.delete(offer.rideId);
    });
  })();
}

async function report(driver: Driver): Promise<void> {
  const at = now();
  const where = position(driver, at);
  recorder.records.positions.push([positionKey(driver.id, where), at]);
  const why = failure(await emit(driver.socket, 'position:report', { position: where }));
  if (why) recorder.error(`position:report ${why}`);
}

function connect(token: string): Promise<Socket> {
  const socket = io(start.baseUrl, { auth: { token }, transports: ['websocket'], reconnection: true });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (error) => {
      socket.close();
      reject(error);
    });
  });
}

async function goOnline(email: string): Promise<void> {
  const { token, memberId } = await logIn(start.baseUrl, email, start.password);
  const area = start.areas[Math.floor(random() * start.areas.length)]!;
  const at = randomPointIn(area, random);
  const shift = await callApi(start.baseUrl, 'POST', '/api/shifts/start', token, { position: at });
  if (shift.status !== 200) throw new Error(`shift start ${email}: ${shift.status}`);
  const socket = await connect(token);
  const driver: Driver = {
    id: memberId,
    area,
    socket,
    path: cityBlockPath(at, randomPointIn(area, random)),
    startedAt: now(),
    nextReportAt: now() + random() * start.positionEveryMs,
    rides: new Set(),
  };
  socket.on('offer:received', (offer: OfferView) => onOffer(driver, offer));
  socket.on('disconnect', (reason) => recorder.error(`socket disconnected (${reason})`));
  drivers.push(driver);
}

await bringOnline(start.emails, () => drivers.length, goOnline);

const ticker = setInterval(() => {
  const at = now();
  for (const driver of drivers) {
    if (driver.nextReportAt > at || !driver.socket.connected) continue;
    driver.nextReportAt += start.positionEveryMs;
    if (driver.nextReportAt < at) driver.nextReportAt = at + start.positionEveryMs;
    void report(driver);
  }
}, 50);

parentPort!.on('message', (message: Stop) => {
  if (message.type !== 'stop') return;
  clearInterval(ticker);
  for (const timer of timers) clearTimeout(timer);
  for (const driver of drivers) driver.socket.close();
  finish(recorder);
});
