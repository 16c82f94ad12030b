// The riders' thread (bench:load): riders logged in with a socket.io connection each (to hear
// `ride:updated`), posting ride requests at the rate the main thread sets, spread evenly over time,
// each from one demo neighbourhood to another (at least 400 m apart), one seat.
import type { RideView } from '@navette/contracts';
import { parentPort, workerData } from 'node:worker_threads';
import { io, type Socket } from 'socket.io-client';
import { meters, randomPointIn, seeded, type LngLat } from '../../sim/geometry.js';
import { callApi, logIn } from './http-client.js';
import { now, type RidersRate, type RidersStart, type Stop } from './messages.js';
import { bringOnline, finish, Recorder } from './recorder.js';

const start = workerData as RidersStart;
const random = seeded(start.seed);
const recorder = new Recorder();
const riders: { token: string; socket: Socket }[] = [];
const assigned = new Set<string>();
let perSecond = 0;
let owed = 0;
let last = now();
let turn = 0;
/** Requests sent and not answered yet: those still open at the end are reported as errors. */
let inFlight = 0;

const somewhere = (): LngLat =>
  randomPointIn(start.areas[Math.floor(random() * start.areas.length)]!, random);

async function connect(email: string): Promise<void> {
  const { token } = await logIn(start.baseUrl, email, start.password);
  const socket = io(start.baseUrl, { auth: { token }, transports: ['websocket'] });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  socket.on('ride:updated', (ride: RideView) => {
    if (ride.status !== 'assigned' || assigned.has(ride.id)) return;
    assigned.add(ride.id);
    recorder.records.assigned.push([ride.id, now()]);
  });
  riders.push({ token, socket });
}

async function request(token: string): Promise<void> {
  let pickup = somewhere();
  let dropoff = somewhere();
  while (meters(pickup, dropoff) < 400) [pickup, dropoff] = [somewhere(), somewhere()];
  const sentAt = now();
  inFlight++;
  try {
    const { status, body } = await callApi<RideView>(start.baseUrl, 'POST', '/api/rides', token, {
      kind: 'ride',
      pickup: { type: 'Point', coordinates: pickup },
      dropoff: { type: 'Point', coordinates: dropoff },
      seats: 1,
    });
    if (status === 201 && body) recorder.records.requests.push([body.id, sentAt, now()]);
    else recorder.error(`POST /api/rides ${status}`);
  } catch (error) {
    recorder.error(`POST /api/rides ${(error as Error).message}`);
  } finally {
    inFlight--;
  }
}

await bringOnline(start.emails, () => riders.length, connect);

// Every 5 ms, the requests owed since the last tick go out (riders in turn).
const ticker = setInterval(() => {
  const at = now();
  owed += ((at - last) / 1000) * perSecond;
  last = at;
  while (owed >= 1 && riders.length > 0) {
    owed -= 1;
    void request(riders[turn++ % riders.length]!.token);
  }
}, 5);

parentPort!.on('message', (message: RidersRate | Stop) => {
  if (message.type === 'rate') {
    perSecond = message.perSecond;
    owed = 0;
    last = now();
    return;
  }
  clearInterval(ticker);
  for (const rider of riders) rider.socket.close();
  for (let i = 0; i < inFlight; i++) recorder.error('POST /api/rides unanswered at the end');
  finish(recorder);
});
