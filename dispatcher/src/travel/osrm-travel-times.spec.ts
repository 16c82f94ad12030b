import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Point } from '@navette/matching';
import { OsrmError, OsrmTravelTimes, osrmRoute } from './osrm-travel-times.js';

/*
 * A tiny fake of osrm-routed answering the Table and Route services in OSRM's documented JSON
 * shape. Its "road network" is a formula, asymmetric on purpose, so every cell is checkable.
 */
const fakeSeconds = (a: Point, b: Point): number =>
  Math.round(1000 * Math.abs(b[0] - a[0]) + 2000 * Math.abs(b[1] - a[1])) + (b[0] > a[0] ? 1 : 0);
const fakeMeters = (a: Point, b: Point): number => 10 * fakeSeconds(a, b);

type Handler = (url: URL, res: ServerResponse) => void;

let server: Server;
let baseUrl: string;
let requests: string[] = [];
let handler: Handler | undefined;

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(typeof body === 'string' ? body : JSON.stringify(body));
}

function parseCoordinates(path: string): Point[] {
  return decodeURIComponent(path)
    .split(';')
    .map((pair) => pair.split(',').map(Number) as unknown as Point);
}

function waypoint(location: Point): object {
  return { hint: 'fake', distance: 0.5, name: 'Rue', location };
}

/** The real thing: sources × destinations from the formula, as OSRM lays them out. */
const osrmLike: Handler = (url, res) => {
  const [, service, version, profile, coordinates] = url.pathname.split('/');
  if (version !== 'v1' || profile === undefined || coordinates === undefined) {
    send(res, 400, { code: 'InvalidUrl', message: 'URL string malformed' });
    return;
  }
  const points = parseCoordinates(coordinates);
  if (service === 'table') {
    const pick = (name: string): number[] => {
      const value = url.searchParams.get(name);
      return value === null || value === 'all' ? points.map((_, i) => i) : value.split(';').map(Number);
    };
    const sources = pick('sources').map((i) => points[i]!);
    const destinations = pick('destinations').map((i) => points[i]!);
    send(res, 200, {
      code: 'Ok',
      durations: sources.map((s) => destinations.map((d) => fakeSeconds(s, d))),
      distances: sources.map((s) => destinations.map((d) => fakeMeters(s, d))),
      sources: sources.map(waypoint),
      destinations: destinations.map(waypoint),
    });
    return;
  }
  if (service === 'route') {
    const [from, to] = points as [Point, Point];
    send(res, 200, {
      code: 'Ok',
      routes: [
        {
          duration: fakeSeconds(from, to),
          distance: fakeMeters(from, to),
          weight: fakeSeconds(from, to),
          weight_name: 'routability',
          geometry: { type: 'LineString', coordinates: [from, [from[0], to[1]], to] },
          legs: [],
        },
      ],
      waypoints: [waypoint(from), waypoint(to)],
    });
    return;
  }
  send(res, 400, { code: 'InvalidService', message: 'Service not found' });
};

beforeAll(async () => {
  server = createServer((req: IncomingMessage, res: ServerResponse) => {
    requests.push(req.url ?? '');
    (handler ?? osrmLike)(new URL(req.url ?? '/', 'http://fake'), res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterEach(() => {
  requests = [];
  handler = undefined;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const PLACE: Point = [2.3522, 48.8566];
const GARE: Point = [2.3733, 48.8447];
const PARC: Point = [2.3081, 48.8462];

describe('OsrmTravelTimes.forPoints', () => {
  it('asks the Table service once, lng before lat, for durations and distances', async () => {
    await OsrmTravelTimes.forPoints(`${baseUrl}/`, [PLACE, GARE, PARC]);
    expect(requests).toEqual([
      '/table/v1/driving/2.3522,48.8566;2.3733,48.8447;2.3081,48.8462?annotations=duration,distance',
    ]);
  });

  it('answers every ordered pair from the table, asymmetric as the roads are', async () => {
    const points = [PLACE, GARE, PARC];
    const travel = await OsrmTravelTimes.forPoints(baseUrl, points, { profile: 'car' });
    expect(requests[0]).toMatch(/^\/table\/v1\/car\//);
    for (const from of points) {
      for (const to of points) {
        expect(travel.seconds(from, to)).toBe(fakeSeconds(from, to));
        expect(travel.meters(from, to)).toBe(fakeMeters(from, to));
      }
    }
    expect(travel.seconds(PLACE, GARE)).not.toBe(travel.seconds(GARE, PLACE));
  });

  it('sends a repeated point once and answers it under both spellings', async () => {
    const travel = await OsrmTravelTimes.forPoints(baseUrl, [PLACE, GARE, [2.3522000000000003, 48.8566]]);
    expect(requests).toEqual([
      '/table/v1/driving/2.3522,48.8566;2.3733,48.8447?annotations=duration,distance',
    ]);
    expect(travel.seconds([2.3522000000000003, 48.8566], GARE)).toBe(fakeSeconds(PLACE, GARE));
  });

  it('fetches a table larger than maxTableSize in blocks of sources × destinations', async () => {
    const points = [PLACE, GARE, PARC];
    const travel = await OsrmTravelTimes.forPoints(baseUrl, points, { maxTableSize: 2 });
    expect(requests).toHaveLength(4);
    expect(requests[1]).toBe(
      '/table/v1/driving/2.3522,48.8566;2.3733,48.8447;2.3081,48.8462' +
        '?annotations=duration,distance&sources=0;1&destinations=2',
    );
    for (const from of points) {
      for (const to of points) expect(travel.seconds(from, to)).toBe(fakeSeconds(from, to));
    }
  });

  it('needs no request for a single point', async () => {
    const travel = await OsrmTravelTimes.forPoints(baseUrl, [PLACE]);
    expect(requests).toEqual([]);
    expect(travel.seconds(PLACE, PLACE)).toBe(0);
  });

  it('answers an unroutable cell (null) as Infinity', async () => {
    handler = (_url, res) =>
      send(res, 200, {
        code: 'Ok',
        durations: [
          [0, null],
          [7, 0],
        ],
        distances: [
          [0, null],
          [70, 0],
        ],
        sources: [waypoint(PLACE), waypoint(GARE)],
        destinations: [waypoint(PLACE), waypoint(GARE)],
      });
    const travel = await OsrmTravelTimes.forPoints(baseUrl, [PLACE, GARE]);
    expect(travel.seconds(PLACE, GARE)).toBe(Number.POSITIVE_INFINITY);
    expect(travel.meters(GARE, PLACE)).toBe(70);
  });

  it('throws a clear error for a point that was not in the table', async () => {
    const travel = await OsrmTravelTimes.forPoints(baseUrl, [PLACE, GARE]);
    expect(() => travel.seconds(PLACE, PARC)).toThrow(
      new OsrmError(
        'point [2.3081, 48.8462] is not among the 2 points whose OSRM table was fetched for this batch',
        'UnknownPoint',
      ),
    );
  });

  it("rejects OSRM's InvalidQuery answer with its code and message", async () => {
    handler = (_url, res) =>
      send(res, 400, { code: 'InvalidQuery', message: 'Query string malformed close to position 42' });
    const failure = OsrmTravelTimes.forPoints(baseUrl, [PLACE, GARE]);
    await expect(failure).rejects.toBeInstanceOf(OsrmError);
    await expect(failure).rejects.toMatchObject({
      code: 'InvalidQuery',
      status: 400,
      message:
        'OSRM table request failed with HTTP 400 (InvalidQuery): Query string malformed close to position 42',
    });
  });

  it('rejects a non-Ok code even with HTTP 200', async () => {
    handler = (_url, res) => send(res, 200, { code: 'NoTable', message: 'No table found' });
    await expect(OsrmTravelTimes.forPoints(baseUrl, [PLACE, GARE])).rejects.toMatchObject({
      code: 'NoTable',
      message: 'OSRM table answered code NoTable: No table found',
    });
  });

  it('rejects an HTTP 500 that is not OSRM JSON', async () => {
    handler = (_url, res) => send(res, 500, 'Internal Server Error');
    await expect(OsrmTravelTimes.forPoints(baseUrl, [PLACE, GARE])).rejects.toMatchObject({
      code: 'HttpError',
      status: 500,
      message: 'OSRM table request failed with HTTP 500',
    });
  });

  it('rejects an answer without distances (a server too old for annotations)', async () => {
    handler = (_url, res) =>
      send(res, 200, {
        code: 'Ok',
        durations: [
          [0, 1],
          [1, 0],
        ],
      });
    await expect(OsrmTravelTimes.forPoints(baseUrl, [PLACE, GARE])).rejects.toMatchObject({
      code: 'BadResponse',
      message: expect.stringMatching(/no 2 × 2 distances matrix/),
    });
  });

  it('gives up on a slow server after timeoutMs', async () => {
    handler = (_url, res) => {
      setTimeout(() => send(res, 200, { code: 'Ok' }), 2_000).unref();
    };
    const started = Date.now();
    await expect(OsrmTravelTimes.forPoints(baseUrl, [PLACE, GARE], { timeoutMs: 100 })).rejects.toMatchObject(
      {
        code: 'Timeout',
        message: 'OSRM table request timed out after 100 ms',
      },
    );
    expect(Date.now() - started).toBeLessThan(1_500);
  });

  it('rejects an unreachable server as a network error', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    await expect(OsrmTravelTimes.forPoints(`http://127.0.0.1:${port}`, [PLACE, GARE])).rejects.toMatchObject({
      code: 'NetworkError',
    });
  });

  it('refuses a bad base URL or point before any request', async () => {
    await expect(OsrmTravelTimes.forPoints('localhost:5000', [PLACE])).rejects.toThrow(RangeError);
    await expect(OsrmTravelTimes.forPoints(baseUrl, [[48.8566, 182.3522]])).rejects.toThrow(/\[lng, lat\]/);
    expect(requests).toEqual([]);
  });
});

describe('route', () => {
  it('asks the Route service for the full GeoJSON geometry and returns time, distance and line', async () => {
    const travel = await OsrmTravelTimes.forPoints(baseUrl, [PLACE, GARE]);
    requests = [];
    const route = await travel.route(PLACE, PARC);
    expect(requests).toEqual([
      '/route/v1/driving/2.3522,48.8566;2.3081,48.8462?overview=full&geometries=geojson',
    ]);
    expect(route).toEqual({
      seconds: fakeSeconds(PLACE, PARC),
      meters: fakeMeters(PLACE, PARC),
      line: [PLACE, [PLACE[0], PARC[1]], PARC],
    });
  });

  it("rejects OSRM's NoRoute", async () => {
    handler = (_url, res) => send(res, 400, { code: 'NoRoute', message: 'Impossible route between points' });
    await expect(osrmRoute(baseUrl, PLACE, GARE)).rejects.toMatchObject({ code: 'NoRoute', status: 400 });
  });

  it('gives up on a slow server after timeoutMs', async () => {
    handler = (_url, res) => {
      setTimeout(() => send(res, 200, { code: 'Ok' }), 2_000).unref();
    };
    await expect(osrmRoute(baseUrl, PLACE, GARE, { timeoutMs: 50 })).rejects.toMatchObject({
      code: 'Timeout',
    });
  });
});
