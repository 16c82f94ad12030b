import { haversineMeters, type Point } from '@navette/matching';
import pg from 'pg';
import { createScratchDatabase, type ScratchDatabase } from '../../../infra/testing/scratch-database.js';
import { importOsm } from '../../bench/roads/import-osm.js';
import { loadRoadGraph } from '../../bench/roads/road-graph.js';
import { toOsmXml, type OsmNetwork } from '../../bench/roads/osm-xml.js';
import { pgRoutingTravelTimes } from './pgrouting-travel-times.js';

/*
 * The road-network travel model on real pgRouting: a small street network written as an
 * OpenStreetMap file, imported by osm2pgrouting into a fresh PostGIS database, then asked.
 *
 *          H
 *          │
 *   D ──── E ──── F      lat 60.172, two-way, 30 km/h
 *   │             │
 *   A ───→ B ───→ C      lat 60.170, one-way eastward, 30 km/h
 *          │
 *          G
 *
 * B and E are not joined; G and H are dead ends (so that B and E are junctions: osm2pgrouting makes
 * vertices of junctions and ends only). Far to the east, an island: two nodes joined to each other only.
 */
const LAT_SOUTH = 60.17;
const LAT_NORTH = 60.172;
const at: Record<string, Point> = {
  A: [24.93, LAT_SOUTH],
  B: [24.934, LAT_SOUTH],
  C: [24.938, LAT_SOUTH],
  D: [24.93, LAT_NORTH],
  E: [24.934, LAT_NORTH],
  F: [24.938, LAT_NORTH],
  G: [24.934, 60.168],
  H: [24.934, 60.174],
  X: [24.99, 60.18],
  Y: [24.991, 60.18],
};
const ids = Object.fromEntries(Object.keys(at).map((name, i) => [name, i + 1]));
const street = (id: number, names: string, tags: Record<string, string>) => ({
  id,
  nodes: [...names].map((name) => ids[name]!),
  tags: { highway: 'residential', maxspeed: '30', ...tags },
});
const network: OsmNetwork = {
  nodes: Object.entries(at).map(([name, [lng, lat]]) => ({ id: ids[name]!, lng, lat })),
  ways: [
    street(1, 'ABC', { oneway: 'yes', name: 'One-way Street' }),
    street(2, 'DEF', { name: 'North Street' }),
    street(3, 'AD', { name: 'West Lane' }),
    street(4, 'CF', { name: 'East Lane' }),
    street(5, 'BG', { name: 'South Close' }),
    street(6, 'EH', { name: 'North Close' }),
    street(7, 'XY', { name: 'Island Road' }),
  ],
};
const SPEED = 30 / 3.6;

describe('road travel times from pgRouting', () => {
  let database: ScratchDatabase;
  let client: pg.Client;

  beforeAll(async () => {
    database = await createScratchDatabase(process.env.DATABASE_URL!, 'navette_roads');
    await importOsm(database.url, toOsmXml(network));
    client = new pg.Client({ connectionString: database.url });
    await client.connect();
  }, 60_000);

  afterAll(async () => {
    await client?.end();
    await database?.drop();
  });

  it('drives one-way streets their way only: back round the block is longer', async () => {
    const roads = await pgRoutingTravelTimes(client, [at.A!, at.C!, at.D!, at.F!]);
    const ac = haversineMeters(at.A!, at.C!);
    const ad = haversineMeters(at.A!, at.D!);
    expect(roads.meters(at.A!, at.C!)).toBeCloseTo(ac, -1);
    expect(roads.seconds(at.A!, at.C!)).toBeCloseTo(ac / SPEED, 0);
    // C to A cannot take the one-way street back: C → F → E → D → A.
    expect(roads.meters(at.C!, at.A!)).toBeCloseTo(haversineMeters(at.D!, at.F!) + 2 * ad, -1);
    expect(roads.seconds(at.C!, at.A!)).toBeGreaterThan(roads.seconds(at.A!, at.C!) + (2 * ad) / SPEED - 1);
    expect(roads.meters(at.A!, at.A!)).toBe(0);
  });

  it('detours where streets are missing: B to E goes round by a corner', async () => {
    const roads = await pgRoutingTravelTimes(client, [at.B!, at.E!]);
    const straight = haversineMeters(at.B!, at.E!);
    // B → C → F → E (B → A is against the one-way street).
    const round =
      haversineMeters(at.B!, at.C!) + haversineMeters(at.C!, at.F!) + haversineMeters(at.F!, at.E!);
    expect(roads.meters(at.B!, at.E!)).toBeCloseTo(round, -1);
    expect(roads.meters(at.B!, at.E!)).toBeGreaterThan(2 * straight);
  });

  it('answers points off the network through their nearest vertex, driven straight at the access speed', async () => {
    const nearB: Point = [24.934, LAT_SOUTH + 0.0002]; // ~22 m north of B
    const roads = await pgRoutingTravelTimes(client, [nearB, at.C!]);
    expect(roads.snap(nearB).vertex).toEqual(at.B);
    const access = haversineMeters(nearB, at.B!);
    expect(roads.meters(nearB, at.C!)).toBeCloseTo(access + haversineMeters(at.B!, at.C!), -1);
    expect(roads.seconds(nearB, at.C!)).toBeCloseTo((access + haversineMeters(at.B!, at.C!)) / SPEED, 0);
    // A point it was not built for: snapped to the nearest of its vertices (C), still answered.
    const nearC: Point = [24.9379, LAT_SOUTH - 0.0001];
    expect(roads.meters(nearC, nearB)).toBeGreaterThan(haversineMeters(at.C!, at.B!));
  });

  it('never snaps to an island the town cannot reach', async () => {
    const roads = await pgRoutingTravelTimes(client, [at.X!, at.A!]);
    expect(roads.snap(at.X!).vertex).toEqual(at.F);
    expect(Number.isFinite(roads.seconds(at.X!, at.A!))).toBe(true);
    expect(roads.vertexCount).toBe(2);
  });

  it('agrees with the street network read into memory (where simulated vehicles turn), both ways and both measures', async () => {
    const names = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'];
    const roads = await pgRoutingTravelTimes(
      client,
      names.map((name) => at[name]!),
    );
    const graph = await loadRoadGraph(client);
    const vertex = (p: Point) => graph.vertices.findIndex((v) => haversineMeters(v, p) < 0.01);
    const vertices = names.map((name) => vertex(at[name]!));
    expect(vertices).not.toContain(-1);
    names.forEach((name, i) => {
      const row = graph.from(vertices[i]!, vertices);
      names.forEach((other, j) => {
        expect(row.seconds[j]).toBeCloseTo(roads.seconds(at[name]!, at[other]!), 6);
        expect(row.meters[j]).toBeCloseTo(roads.meters(at[name]!, at[other]!), 6);
        expect(graph.path(vertices[i]!, vertices[j]!)!.seconds.at(-1)).toBeCloseTo(row.seconds[j]!, 9);
      });
    });
  });

  it('refuses a table name that is not one, and says when the tables are missing', async () => {
    await expect(pgRoutingTravelTimes(client, [at.A!], { edges: 'ways; DROP TABLE ways' })).rejects.toThrow(
      /not a table name/,
    );
    await expect(pgRoutingTravelTimes(client, [at.A!], { edges: 'streets' })).rejects.toThrow(/streets/);
    await expect(pgRoutingTravelTimes(client, [])).rejects.toThrow(/no point/);
  });
});
