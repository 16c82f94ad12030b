import geojsonhint from '@mapbox/geojsonhint';
import { check as checkGeoJson } from '@placemarkio/check-geojson';
import jsonld from 'jsonld';
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { io, type Socket } from 'socket.io-client';
import { flexCounts, flexProblems, readFlexFeed } from './gtfs-flex-checker.js';

/**
 * The independent consumers of Navette's open standards, each run against a started instance: one
 * result per standard, printed as one line by `npm run check:interop` (infra/adr/0019).
 */
export interface InteropResult {
  standard: string;
  consumer: string;
  outcome: 'pass' | 'fail';
  /** Counts on a pass, problems on a fail. */
  detail: string;
}

export interface InteropTarget {
  baseUrl: string;
  /** Bearer tokens of a coordinator or admin (ValueFlows) and of a rider and a driver (socket.io). */
  tokens: { admin: string; rider: string; driver: string };
}

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');

/** `PASS  GeoJSON  @placemarkio/check-geojson  8 features` — fixed columns, one line. */
export function formatResult(r: InteropResult): string {
  return `${r.outcome.toUpperCase().padEnd(5)} ${r.standard.padEnd(20)} ${r.consumer.padEnd(34)} ${r.detail}`;
}

const result = (standard: string, consumer: string, problems: string[], counts: string): InteropResult => ({
  standard,
  consumer,
  outcome: problems.length ? 'fail' : 'pass',
  detail: problems.length ? `${problems.length} problem(s): ${problems.slice(0, 3).join('; ')}` : counts,
});

async function getJson(url: string, token?: string): Promise<{ type: string; body: unknown; text: string }> {
  const response = await fetch(url, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  const text = await response.text();
  return { type: response.headers.get('content-type') ?? '', body: JSON.parse(text) as unknown, text };
}

interface Collection {
  features: { id: string; properties: { parentId: string | null } }[];
}

/** Top-level territories: their feeds hold every territory. */
async function roots(baseUrl: string): Promise<string[]> {
  const { body } = await getJson(`${baseUrl}/api/territories`);
  return (body as Collection).features.filter((f) => f.properties.parentId === null).map((f) => f.id);
}

/** GTFS-Flex: each top-level territory's feed through the Flex checker (no npm consumer reads Flex offline). */
export async function checkGtfsFlex({ baseUrl }: InteropTarget): Promise<InteropResult> {
  const problems: string[] = [];
  const totals = { feeds: 0, zones: 0, trips: 0, services: 0 };
  for (const id of await roots(baseUrl)) {
    const response = await fetch(`${baseUrl}/api/territories/${id}/gtfs-flex.zip`);
    if (!response.ok) {
      problems.push(`${id}: ${response.status}`);
      continue;
    }
    const feed = readFlexFeed(new Uint8Array(await response.arrayBuffer()));
    problems.push(...flexProblems(feed));
    const counts = flexCounts(feed);
    totals.feeds++;
    totals.zones += counts.zones;
    totals.trips += counts.trips;
    totals.services += counts.services;
  }
  if (totals.feeds === 0) problems.push('no territory to export');
  return result(
    'GTFS-Flex',
    'infra/interop/gtfs-flex-checker',
    problems,
    `${totals.feeds} feed(s), ${totals.zones} zones, ${totals.trips} trips, ${totals.services} calendars`,
  );
}

/** The territories as served: the collection and each Feature, with their media type. */
async function servedGeoJson(baseUrl: string) {
  const list = await getJson(`${baseUrl}/api/territories`);
  const ids = (list.body as Collection).features.map((f) => f.id);
  const each = await Promise.all(ids.map((id) => getJson(`${baseUrl}/api/territories/${id}`)));
  return [list, ...each];
}

const mediaProblems = (docs: { type: string }[]) =>
  docs.filter((d) => !d.type.startsWith('application/geo+json')).map((d) => `served as ${d.type}`);

/** RFC 7946 with Placemark's checker: structure, positions, ring closure. */
export async function checkGeoJsonPlacemark({ baseUrl }: InteropTarget): Promise<InteropResult> {
  const docs = await servedGeoJson(baseUrl);
  const problems = mediaProblems(docs);
  for (const doc of docs) {
    try {
      checkGeoJson(doc.text);
    } catch (error) {
      problems.push(error instanceof Error ? error.message : String(error));
    }
  }
  return result('GeoJSON', '@placemarkio/check-geojson', problems, `${docs.length} documents`);
}

/** RFC 7946 with Mapbox's hint, which also checks the right-hand rule (ring winding). */
export async function checkGeoJsonMapbox({ baseUrl }: InteropTarget): Promise<InteropResult> {
  const docs = await servedGeoJson(baseUrl);
  const problems = [
    ...mediaProblems(docs),
    ...docs.flatMap((d) => geojsonhint.hint(d.body).map((h) => h.message)),
  ];
  const features = (docs[0]!.body as Collection).features.length;
  return result('GeoJSON (winding)', '@mapbox/geojsonhint', problems, `${features} features, all right-hand`);
}

const VF = 'https://w3id.org/valueflows/ont/vf#';
const XSD_DATE_TIME = 'http://www.w3.org/2001/XMLSchema#dateTime';
type Expanded = Record<string, unknown> & { '@id'?: string; '@type'?: string[] };

/** ValueFlows: the export expanded by `jsonld`, offline (a shipped context; any fetch fails), types checked. */
export async function checkValueFlows({ baseUrl, tokens }: InteropTarget): Promise<InteropResult> {
  const shipped = JSON.parse(readFileSync(join(here, 'valueflows.context.json'), 'utf8')) as {
    '@context': unknown;
  };
  const problems: string[] = [];
  let nodes = 0;
  let events = 0;
  for (const id of await roots(baseUrl)) {
    const doc = await getJson(`${baseUrl}/api/territories/${id}/valueflows.jsonld`, tokens.admin);
    if (!doc.type.startsWith('application/ld+json')) problems.push(`served as ${doc.type}`);
    const expanded = await jsonld.expand(doc.body, {
      expandContext: shipped['@context'],
      documentLoader: (url) => Promise.reject(new Error(`no network: ${url}`)),
    });
    const graph = expanded.flatMap((n) => (n['@graph'] as Expanded[] | undefined) ?? [n as Expanded]);
    const agents = new Set(graph.filter((n) => n['@type']?.includes(`${VF}Agent`)).map((n) => n['@id']));
    for (const node of graph) {
      nodes++;
      const types = node['@type'] ?? [];
      if (!types.length || !types.every((t) => t.startsWith(VF)))
        problems.push(`${node['@id']}: type ${types.join()}`);
      for (const role of ['provider', 'receiver']) {
        for (const ref of (node[`${VF}${role}`] as { '@id'?: string }[] | undefined) ?? [])
          if (!agents.has(ref['@id'])) problems.push(`${node['@id']}: ${role} ${ref['@id']} is no vf:Agent`);
      }
      for (const time of ['hasBeginning', 'hasEnd', 'hasPointInTime']) {
        for (const value of (node[`${VF}${time}`] as { '@type'?: string }[] | undefined) ?? [])
          if (value['@type'] !== XSD_DATE_TIME) problems.push(`${node['@id']}: ${time} is no xsd:dateTime`);
      }
      if (types.includes(`${VF}EconomicEvent`)) {
        events++;
        if (node[`${VF}hasPointInTime`] && node[`${VF}hasBeginning`])
          problems.push(`${node['@id']}: two time representations`);
        if (!node[`${VF}effortQuantity`]) problems.push(`${node['@id']}: no effort`);
      }
    }
  }
  if (events === 0) problems.push('no economic event to check (no ride was completed)');
  return result(
    'ValueFlows (JSON-LD)',
    'jsonld (offline expansion)',
    problems,
    `${nodes} nodes, ${events} events`,
  );
}

function waitFor<T>(socket: Socket, event: string, timeoutMs = 20_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${event} within ${timeoutMs} ms`)), timeoutMs);
    socket.once(event, (payload: T) => {
      clearTimeout(timer);
      resolve(payload);
    });
  });
}

/**
 * socket.io: a plain `socket.io-client` driver takes a real rider's request through the dispatcher
 * to the end (offer, accept, pick-up, drop-off), so the exports above have a completed trip.
 */
export async function checkSocketIo(
  { baseUrl, tokens }: InteropTarget,
  at: [number, number],
): Promise<InteropResult> {
  const problems: string[] = [];
  const received: string[] = [];
  const post = (path: string, token: string, body: unknown) =>
    fetch(`${baseUrl}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const shift = await post('/api/shifts/start', tokens.driver, { position: at });
  if (!shift.ok) problems.push(`shift start: ${shift.status}`);
  const socket = io(baseUrl, {
    auth: { token: tokens.driver },
    transports: ['websocket'],
    reconnection: false,
  });
  socket.onAny((event: string) => received.push(event));
  try {
    await Promise.race([waitFor(socket, 'driver:resumed'), waitFor(socket, 'driver:paused')]);
    const offered = waitFor<{ id: string; rideId: string }>(socket, 'offer:received');
    const ride = await post('/api/rides', tokens.rider, {
      pickup: { type: 'Point', coordinates: [at[0] + 0.001, at[1]] },
      dropoff: { type: 'Point', coordinates: [at[0] + 0.01, at[1] + 0.005] },
    });
    if (!ride.ok) problems.push(`ride request: ${ride.status}`);
    const offer = await offered;
    const acks = [
      (await socket.emitWithAck('offer:accept', { offerId: offer.id })) as { error?: unknown },
      (await socket.emitWithAck('trip:mark', { rideId: offer.rideId, event: 'picked_up' })) as {
        error?: unknown;
      },
      (await socket.emitWithAck('trip:mark', { rideId: offer.rideId, event: 'dropped_off' })) as {
        error?: unknown;
      },
    ];
    acks.forEach((a, i) => a.error && problems.push(`ack ${i + 1}: ${JSON.stringify(a.error)}`));
  } catch (error) {
    problems.push(error instanceof Error ? error.message : String(error));
  } finally {
    socket.close();
  }
  return result(
    'socket.io',
    'socket.io-client',
    problems,
    `${received.length} events received, 3 acks, 1 ride completed`,
  );
}

function run(command: string, args: string[]): Promise<{ ok: boolean; output: string }> {
  return new Promise((resolve) =>
    execFile(command, args, { cwd: root, timeout: 60_000 }, (error, stdout, stderr) =>
      resolve({ ok: !error, output: `${stdout}${stderr}`.trim() }),
    ),
  );
}

/**
 * OpenAPI through the tools the lint wires (Redocly, Spectral, openapi-typescript then tsc), run on
 * the served document; a tool missing from node_modules is a failure (they are dev dependencies).
 */
export async function checkOpenApi({ baseUrl }: InteropTarget): Promise<InteropResult[]> {
  const bin = (name: string) => join(root, 'node_modules', '.bin', name);
  const dir = await mkdtemp(join(tmpdir(), 'navette-interop-'));
  try {
    const file = join(dir, 'openapi.json');
    await writeFile(file, (await getJson(`${baseUrl}/api/openapi.json`)).text);
    const tools: [string, string, () => Promise<{ ok: boolean; output: string }>][] = [
      ['redocly', '@redocly/cli lint', () => run(bin('redocly'), ['lint', file])],
      [
        'spectral',
        '@stoplight/spectral-cli lint',
        () => run(bin('spectral'), ['lint', file, '--fail-severity', 'error']),
      ],
      [
        'openapi-typescript',
        'openapi-typescript + tsc',
        async () => {
          const types = join(dir, 'openapi.d.ts');
          const generated = await run(bin('openapi-typescript'), [file, '-o', types]);
          return generated.ok
            ? run(bin('tsc'), ['--ignoreConfig', '--noEmit', '--strict', types])
            : generated;
        },
      ],
    ];
    const results: InteropResult[] = [];
    for (const [name, consumer, go] of tools) {
      if (!existsSync(bin(name))) {
        results.push({
          standard: 'OpenAPI',
          consumer,
          outcome: 'fail',
          detail: `${name} is not installed: it is a dev dependency, so the install is broken`,
        });
        continue;
      }
      const { ok, output } = await go();
      const last = output.split('\n').filter(Boolean).at(-1) ?? '';
      results.push({
        standard: 'OpenAPI',
        consumer,
        outcome: ok ? 'pass' : 'fail',
        detail: last.slice(0, 160),
      });
    }
    return results;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
