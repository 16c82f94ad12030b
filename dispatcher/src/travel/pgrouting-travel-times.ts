import { pointKey, type Point } from '@navette/matching';
import { checkPoint } from './check-point.js';
import { nearestVertexOf, SnappedTravelTimes, type SnappedOptions } from './snapped-travel-times.js';

/**
 * Road travel times from pgRouting (https://docs.pgrouting.org/3.4/en/) on a street network imported
 * from OpenStreetMap by `osm2pgrouting` (its `ways` and `ways_vertices_pgr` tables). For a set of
 * points known in advance (a simulated day's stops, a batch's), each point is snapped to the nearest
 * vertex of the network's largest strongly connected part (`pgr_strongComponents`: no point lands
 * on an island the rest of the town cannot reach or leave), then `pgr_dijkstraCostMatrix` gives the
 * road seconds between every pair of those vertices (each way's `cost_s` and `reverse_cost_s`:
 * one-way streets respected) and the road meters (`length_m`, the same directions). The answer is a
 * {@link SnappedTravelTimes}.
 *
 * The meters are those of the shortest road, the seconds those of the fastest: they can belong to
 * different routes where speeds differ (a detour by the arterial). pgRouting's cost matrix has one
 * measure, and summing each fastest path's lengths would bring back every path's edges.
 */
export interface Queryable {
  query<R extends object>(text: string, values?: unknown[]): Promise<{ rows: R[] }>;
}

export interface PgRoutingOptions extends SnappedOptions {
  /** The edges table (osm2pgrouting's `ways`, optionally schema-qualified). Default `ways`. */
  edges?: string;
  /** The vertices table. Default `<edges>_vertices_pgr`. */
  vertices?: string;
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)?$/;

/** `name` if it is a plain (optionally schema-qualified) table name, to put in SQL; throws otherwise. */
export function tableName(name: string): string {
  if (!IDENTIFIER.test(name)) throw new RangeError(`not a table name: "${name}"`);
  return name;
}

/**
 * Snaps `points` to the network and fetches the road tables between their vertices. Rejects when
 * the tables are missing (osm2pgrouting not run), the pgRouting extension is absent, or no vertex is
 * within reach of the points.
 */
export async function pgRoutingTravelTimes(
  db: Queryable,
  points: readonly Point[],
  options: PgRoutingOptions = {},
): Promise<SnappedTravelTimes> {
  const edges = tableName(options.edges ?? 'ways');
  const vertices = tableName(options.vertices ?? `${edges}_vertices_pgr`);
  const distinct = [...new Map(points.map((p) => [pointKey(p), p])).values()];
  if (distinct.length === 0) throw new RangeError('no point to snap to the road network');
  distinct.forEach((point) => checkPoint(point));
  const bySeconds = `SELECT gid AS id, source, target, cost_s AS cost, reverse_cost_s AS reverse_cost FROM ${edges}`;
  // A way one-way in OSM has a negative reverse cost: no edge that way, for meters as for seconds.
  const byMeters =
    `SELECT gid AS id, source, target, length_m AS cost, ` +
    `CASE WHEN reverse_cost_s < 0 THEN -1 ELSE length_m END AS reverse_cost FROM ${edges}`;

  // The vertices of the largest strongly connected part, snapped to here (kd-tree on the sphere):
  // one read of the network's vertices rather than a nearest-neighbour query per point.
  const { rows: network } = await db.query<{ id: string; lng: number; lat: number }>(
    `WITH parts AS (SELECT node, component FROM pgr_strongComponents($1))
     SELECT v.id::text AS id, ST_X(v.the_geom) AS lng, ST_Y(v.the_geom) AS lat
       FROM parts JOIN ${vertices} v ON v.id = parts.node
      WHERE parts.component = (SELECT component FROM parts GROUP BY component ORDER BY count(*) DESC LIMIT 1)`,
    [bySeconds],
  );
  if (network.length === 0) throw new Error(`the road network in ${edges} has no vertex to snap to`);
  const nearest = nearestVertexOf(network.map((v) => [v.lng, v.lat] as Point));
  const used = [...new Set(distinct.map(nearest))].sort((a, b) => a - b);
  const snapped = used.map((i) => network[i]!);
  const ids = snapped.map((r) => r.id);
  const at = new Map(ids.map((id, i) => [id, i]));
  const seconds = await costMatrix(db, bySeconds, ids, at);
  const meters = await costMatrix(db, byMeters, ids, at);
  return new SnappedTravelTimes(
    { vertices: snapped.map((r) => [r.lng, r.lat] as Point), seconds, meters },
    options,
  );
}

/** Road costs between every ordered pair of `ids` (row-major, by `at`), `Infinity` where no road leads. */
async function costMatrix(
  db: Queryable,
  edgesSql: string,
  ids: readonly string[],
  at: ReadonlyMap<string, number>,
): Promise<Float64Array> {
  const n = ids.length;
  const cells = new Float64Array(n * n).fill(Infinity);
  for (let i = 0; i < n; i++) cells[i * n + i] = 0;
  if (n < 2) return cells;
  // One row per origin (its destinations and costs as arrays): n rows rather than n² on the wire.
  const { rows } = await db.query<{ start: string; ends: string[]; costs: number[] }>(
    `SELECT start_vid::text AS start, array_agg(end_vid::text) AS ends, array_agg(agg_cost) AS costs
       FROM pgr_dijkstraCostMatrix($1, $2::bigint[], true)
      GROUP BY start_vid`,
    [edgesSql, ids],
  );
  for (const row of rows) {
    const from = at.get(row.start)!;
    row.ends.forEach((end, k) => {
      cells[from * n + at.get(end)!] = Number(row.costs[k]);
    });
  }
  return cells;
}
