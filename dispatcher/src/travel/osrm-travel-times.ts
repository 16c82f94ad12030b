import { pointKey, TravelMatrix, type Point, type TravelTimes } from '@navette/matching';
import { checkPoint } from './check-point.js';

/**
 * Road travel times from an OSRM server (https://project-osrm.org/docs/v5.24.0/api/), for the live
 * dispatcher. The core asks synchronously, so a batch first fetches one duration/distance table for
 * all its points (`forPoints`), then the core is answered from memory.
 */

/** How to talk to the OSRM server. */
export interface OsrmOptions {
  /** The profile path segment of the URL. Default `'driving'` (osrm-routed ignores it; hosted APIs don't). */
  profile?: string;
  /** Abort a request (connection, headers and body) after this many milliseconds. Default 10,000. */
  timeoutMs?: number;
  /**
   * Most sources and most destinations in one Table request. osrm-routed refuses larger tables
   * (`TooBig`, its `--max-table-size`, default 100), so bigger batches are fetched in blocks of this
   * many sources × destinations, one request after another. Default 100.
   */
  maxTableSize?: number;
}

/** One route from the Route service. */
export interface OsrmRoute {
  /** Driving time, in seconds. */
  seconds: number;
  /** Driving distance, in meters. */
  meters: number;
  /** The full road geometry, `[lng, lat]` vertices from start to end. */
  line: [number, number][];
}

/**
 * A failed OSRM exchange. `code` is OSRM's own code when it sent one (`InvalidQuery`, `NoRoute`,
 * `TooBig`, …), else `HttpError`, `Timeout`, `NetworkError`, `BadResponse` or `UnknownPoint`.
 */
export class OsrmError extends Error {
  override readonly name = 'OsrmError';

  constructor(
    message: string,
    readonly code: string,
    /** HTTP status, when a response arrived. */
    readonly status?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_MAX_TABLE_SIZE = 100;

type Cell = number | null;

/**
 * {@link TravelTimes} answered from one OSRM table fetched for a batch's points. A cell OSRM could
 * not route (`null`) is answered as `Infinity`; a point outside the batch throws an
 * {@link OsrmError} with code `UnknownPoint`.
 */
export class OsrmTravelTimes implements TravelTimes {
  private constructor(
    private readonly baseUrl: string,
    private readonly options: Required<OsrmOptions>,
    private readonly matrix: TravelMatrix,
  ) {}

  /**
   * Fetches durations (seconds) and distances (meters) between every ordered pair of `points` with
   * the Table service: `GET {baseUrl}/table/v1/{profile}/{lng,lat;…}?annotations=duration,distance`.
   * Points equal to 1e-6° are sent once. Rejects with an {@link OsrmError} on an HTTP error, a
   * non-`Ok` code, a malformed answer or a timeout.
   */
  static async forPoints(
    baseUrl: string,
    points: readonly Point[],
    options: OsrmOptions = {},
  ): Promise<OsrmTravelTimes> {
    const base = normaliseBaseUrl(baseUrl);
    const resolved = resolveOptions(options);
    points.forEach((point) => checkPoint(point));
    const distinct: Point[] = [];
    const seen = new Set<string>();
    for (const point of points) {
      const key = pointKey(point);
      if (!seen.has(key)) distinct.push(point);
      seen.add(key);
    }
    const n = distinct.length;
    const durations: Cell[][] = distinct.map(() => new Array<Cell>(n).fill(0));
    const distances: Cell[][] = distinct.map(() => new Array<Cell>(n).fill(0));
    if (n > 1) {
      const block = resolved.maxTableSize;
      for (let from = 0; from < n; from += block) {
        for (let to = 0; to < n; to += block) {
          const sources = range(from, Math.min(n, from + block));
          const destinations = range(to, Math.min(n, to + block));
          const table = await fetchTable(base, resolved, distinct, sources, destinations, n <= block);
          sources.forEach((i, a) =>
            destinations.forEach((j, b) => {
              durations[i]![j] = table.durations[a]![b]!;
              distances[i]![j] = table.distances[a]![b]!;
            }),
          );
        }
      }
    }
    return new OsrmTravelTimes(base, resolved, TravelMatrix.fromRows(distinct, durations, distances));
  }

  /** The distinct points of the table, in the order they were sent. */
  get points(): readonly Point[] {
    return this.matrix.points;
  }

  /** Driving time from the table, in seconds (`Infinity` when OSRM found no route). */
  seconds(from: Point, to: Point): number {
    this.check(from, to);
    return this.matrix.seconds(from, to);
  }

  /** Driving distance from the table, in meters (`Infinity` when OSRM found no route). */
  meters(from: Point, to: Point): number {
    this.check(from, to);
    return this.matrix.meters(from, to);
  }

  /** The road between two points (any points, not only the table's), from the same server. */
  route(from: Point, to: Point): Promise<OsrmRoute> {
    return osrmRoute(this.baseUrl, from, to, this.options);
  }

  private check(from: Point, to: Point): void {
    for (const point of [from, to]) {
      if (!this.matrix.has(point)) {
        throw new OsrmError(
          `point [${point[0]}, ${point[1]}] is not among the ${this.matrix.points.length} points ` +
            'whose OSRM table was fetched for this batch',
          'UnknownPoint',
        );
      }
    }
  }
}

/**
 * The fastest road from `from` to `to` with the Route service:
 * `GET {baseUrl}/route/v1/{profile}/{lng,lat;lng,lat}?overview=full&geometries=geojson`.
 * Rejects with an {@link OsrmError} as {@link OsrmTravelTimes.forPoints} does, `NoRoute` included.
 */
export async function osrmRoute(
  baseUrl: string,
  from: Point,
  to: Point,
  options: OsrmOptions = {},
): Promise<OsrmRoute> {
  const resolved = resolveOptions(options);
  checkPoint(from);
  checkPoint(to);
  const url =
    `${normaliseBaseUrl(baseUrl)}/route/v1/${encodeURIComponent(resolved.profile)}/` +
    `${formatPoints([from, to])}?overview=full&geometries=geojson`;
  const body = await getOsrmJson(url, resolved.timeoutMs, 'route');
  const route = Array.isArray(body.routes) ? (body.routes[0] as unknown) : undefined;
  if (route === undefined) throw new OsrmError('OSRM route answered Ok without any route', 'NoRoute');
  if (!isRecord(route) || typeof route.duration !== 'number' || typeof route.distance !== 'number') {
    throw new OsrmError('OSRM route answer has no numeric duration and distance', 'BadResponse');
  }
  const geometry = route.geometry;
  const coordinates = isRecord(geometry) ? geometry.coordinates : undefined;
  if (!Array.isArray(coordinates) || !coordinates.every(isPosition)) {
    throw new OsrmError('OSRM route answer has no GeoJSON line geometry', 'BadResponse');
  }
  return {
    seconds: route.duration,
    meters: route.distance,
    line: coordinates.map((c) => [c[0], c[1]]),
  };
}

async function fetchTable(
  base: string,
  options: Required<OsrmOptions>,
  points: readonly Point[],
  sources: number[],
  destinations: number[],
  whole: boolean,
): Promise<{ durations: Cell[][]; distances: Cell[][] }> {
  let query = 'annotations=duration,distance';
  let coordinates: readonly Point[] = points;
  let sourceRows = sources;
  let destinationColumns = destinations;
  if (!whole) {
    // Send only the block's points; sources and destinations index into that shorter list.
    const used = [...new Set([...sources, ...destinations])];
    const at = new Map(used.map((p, i) => [p, i]));
    coordinates = used.map((p) => points[p]!);
    sourceRows = sources.map((p) => at.get(p)!);
    destinationColumns = destinations.map((p) => at.get(p)!);
    query += `&sources=${sourceRows.join(';')}&destinations=${destinationColumns.join(';')}`;
  }
  const url = `${base}/table/v1/${encodeURIComponent(options.profile)}/${formatPoints(coordinates)}?${query}`;
  const body = await getOsrmJson(url, options.timeoutMs, 'table');
  const rows = sources.length;
  const columns = destinations.length;
  const durations = body.durations;
  const distances = body.distances;
  if (!isMatrix(durations, rows, columns)) {
    throw new OsrmError(`OSRM table answer has no ${rows} × ${columns} durations matrix`, 'BadResponse');
  }
  if (!isMatrix(distances, rows, columns)) {
    throw new OsrmError(
      `OSRM table answer has no ${rows} × ${columns} distances matrix (the server must support ` +
        'annotations=duration,distance, OSRM ≥ 5.19)',
      'BadResponse',
    );
  }
  return { durations, distances };
}

async function getOsrmJson(
  url: string,
  timeoutMs: number,
  service: string,
): Promise<Record<string, unknown>> {
  let status: number | undefined;
  let text: string;
  try {
    const response = await fetch(url, {
      signal: AbortSignal.timeout(timeoutMs),
      headers: { accept: 'application/json' },
    });
    status = response.status;
    text = await response.text();
  } catch (error) {
    if (isAbort(error)) {
      throw new OsrmError(`OSRM ${service} request timed out after ${timeoutMs} ms`, 'Timeout', status, {
        cause: error,
      });
    }
    const reason = error instanceof Error ? error.message : String(error);
    throw new OsrmError(`OSRM ${service} request failed: ${reason}`, 'NetworkError', status, {
      cause: error,
    });
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  const code = isRecord(body) && typeof body.code === 'string' ? body.code : undefined;
  const message = isRecord(body) && typeof body.message === 'string' ? `: ${body.message}` : '';
  if (status < 200 || status > 299) {
    throw new OsrmError(
      `OSRM ${service} request failed with HTTP ${status}${code === undefined ? '' : ` (${code})`}${message}`,
      code ?? 'HttpError',
      status,
    );
  }
  if (!isRecord(body))
    throw new OsrmError(`OSRM ${service} answer is not a JSON object`, 'BadResponse', status);
  if (code !== 'Ok') {
    throw new OsrmError(
      `OSRM ${service} answered code ${code ?? '(missing)'}${message}`,
      code ?? 'BadResponse',
      status,
    );
  }
  return body;
}

function resolveOptions(options: OsrmOptions): Required<OsrmOptions> {
  const resolved = {
    profile: options.profile ?? 'driving',
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    maxTableSize: options.maxTableSize ?? DEFAULT_MAX_TABLE_SIZE,
  };
  if (resolved.profile === '') throw new RangeError('OSRM profile must not be empty');
  if (!Number.isFinite(resolved.timeoutMs) || resolved.timeoutMs <= 0) {
    throw new RangeError(`OSRM timeoutMs must be a positive number, got ${resolved.timeoutMs}`);
  }
  if (!Number.isInteger(resolved.maxTableSize) || resolved.maxTableSize < 1) {
    throw new RangeError(`OSRM maxTableSize must be a positive integer, got ${resolved.maxTableSize}`);
  }
  return resolved;
}

function normaliseBaseUrl(baseUrl: string): string {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new RangeError(`OSRM base URL is not a URL: "${baseUrl}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new RangeError(`OSRM base URL must be http or https: "${baseUrl}"`);
  }
  return baseUrl.replace(/\/+$/, '');
}

/** `lng,lat;lng,lat…` with 6 decimals at most (OSRM's own precision), trailing zeros dropped. */
function formatPoints(points: readonly Point[]): string {
  const format = (x: number): string => String(Number(x.toFixed(6)) + 0);
  return points.map((p) => `${format(p[0])},${format(p[1])}`).join(';');
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from }, (_, i) => from + i);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isPosition(value: unknown): value is [number, number] {
  return Array.isArray(value) && typeof value[0] === 'number' && typeof value[1] === 'number';
}

function isMatrix(value: unknown, rows: number, columns: number): value is Cell[][] {
  return (
    Array.isArray(value) &&
    value.length === rows &&
    value.every(
      (row) =>
        Array.isArray(row) &&
        row.length === columns &&
        row.every((cell) => cell === null || typeof cell === 'number'),
    )
  );
}

function isAbort(error: unknown): boolean {
  const name = typeof error === 'object' && error !== null && 'name' in error ? error.name : undefined;
  return name === 'TimeoutError' || name === 'AbortError';
}
