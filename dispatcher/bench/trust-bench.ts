// Trust distance at scale: a 100,000-member vouch graph, and the distances (bound 4) for every
// rider–driver pair of live batches (200 riders × 1,000 drivers), as the dispatcher computes them.
// For comparison, the same distances by a recursive SQL query when DATABASE_URL is set, in a
// temporary database created and dropped here.
//   npm run bench:trust [-- --members <n>] [--degree <n>] [--batches <n>] [--sql-batches <n>] [--seed <n>]
import { performance } from 'node:perf_hooks';
import { createPrng } from '@navette/matching';
import pg from 'pg';
import { MAX_TRUST_SEARCH } from '../src/rules/community-hooks.js';
import { TrustGraph } from '../src/rules/trust-graph.js';
import { machineFloorMs } from './floor.js';

const args = process.argv.slice(2);
const option = (name: string, fallback: number): number => {
  const at = args.indexOf(name);
  return at >= 0 ? Number(args[at + 1]) : fallback;
};
const members = option('--members', 100_000);
const degree = option('--degree', 8);
const batches = option('--batches', 20);
const sqlBatches = option('--sql-batches', 2);
const seed = option('--seed', 1);
const prng = createPrng(seed);

const floor = machineFloorMs();
console.log(
  `machine floor: ${floor.toFixed(0)} ms for 50 M xorshift steps (node ${process.version}); seed ${seed}`,
);

// A small-world graph: members live on a ring of neighbourhoods; most vouches are for someone
// nearby (within 50 places), one in ten for anyone.
const ids = Array.from({ length: members }, (_, i) => `m${i}`);
const edges: [string, string][] = [];
for (let i = 0; i < members; i++) {
  for (let e = 0; e < degree / 2; e++) {
    const far = prng.next() < 0.1;
    const j = far ? Math.floor(prng.next() * members) : (i + 1 + Math.floor(prng.next() * 50)) % members;
    edges.push([ids[i]!, ids[j]!]);
  }
}

let started = performance.now();
const graph = new TrustGraph(edges);
const buildMs = performance.now() - started;
console.log(
  `graph: ${graph.size.toLocaleString('en')} members, ${edges.length.toLocaleString('en')} vouches, built in ${buildMs.toFixed(0)} ms`,
);

const perBatch: number[] = [];
const kept: { riders: string[]; drivers: string[]; found: number[] }[] = [];
const found = new Array<number>(MAX_TRUST_SEARCH + 1).fill(0);
let pairs = 0;
for (let b = 0; b < batches; b++) {
  // Drivers and riders of one town: a stretch of the ring, as in a real territory.
  const origin = Math.floor(prng.next() * members);
  const pick = (n: number, spread: number) =>
    Array.from({ length: n }, () => ids[(origin + Math.floor(prng.next() * spread)) % members]!);
  const drivers = pick(1000, 20_000);
  const riders = pick(200, 20_000);
  const inBatch = new Array<number>(MAX_TRUST_SEARCH + 1).fill(0);
  started = performance.now();
  for (const rider of riders) {
    for (const d of graph.distancesFrom(rider, drivers, MAX_TRUST_SEARCH).values()) inBatch[d]!++;
  }
  perBatch.push(performance.now() - started);
  for (const [d, n] of inBatch.entries()) found[d]! += n;
  if (kept.length < sqlBatches) kept.push({ riders, drivers, found: inBatch });
  pairs += riders.length * drivers.length;
}
perBatch.sort((a, b) => a - b);
const at = (p: number) => perBatch[Math.min(perBatch.length - 1, Math.floor((p / 100) * perBatch.length))]!;
console.log(`\n${batches} batches of 200 riders × 1,000 drivers (bound ${MAX_TRUST_SEARCH} steps)`);
console.log(
  `per batch: p50 ${at(50).toFixed(1)} ms, p99 ${at(99).toFixed(1)} ms, max ${perBatch.at(-1)!.toFixed(1)} ms`,
);
console.log(`per pair:  ${((perBatch.reduce((s, v) => s + v, 0) * 1000) / pairs).toFixed(3)} µs`);
console.log(
  `pairs within reach: ${found
    .map((n, d) => (d === 0 ? null : `${d} step${d > 1 ? 's' : ''}: ${n.toLocaleString('en')}`))
    .filter(Boolean)
    .join(', ')} of ${pairs.toLocaleString('en')}`,
);

/** The same distances by a recursive query on PostgreSQL, one query per batch. */
async function sqlComparison(url: string): Promise<void> {
  const database = `navette_trust_bench_${process.pid}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${database}`);
  const target = new URL(url);
  target.pathname = `/${database}`;
  const db = new pg.Client({ connectionString: target.toString() });
  try {
    await db.connect();
    let t = performance.now();
    // Both directions stored, as the in-memory graph links a vouch both ways.
    const from = edges.flatMap(([a, b]) => [Number(a.slice(1)), Number(b.slice(1))]);
    const to = edges.flatMap(([a, b]) => [Number(b.slice(1)), Number(a.slice(1))]);
    await db.query('CREATE TABLE vouch (a int NOT NULL, b int NOT NULL)');
    await db.query(
      'INSERT INTO vouch SELECT a, b FROM unnest($1::int[], $2::int[]) AS u (a, b) WHERE a <> b',
      [from, to],
    );
    await db.query('CREATE INDEX ON vouch (a) INCLUDE (b)');
    await db.query('ANALYZE vouch');
    console.log(
      `\nPostgreSQL: ${from.length.toLocaleString('en')} directed links loaded and indexed in ${(performance.now() - t).toFixed(0)} ms`,
    );
    const times: number[] = [];
    for (const batch of kept) {
      const riders = batch.riders.map((r) => Number(r.slice(1)));
      const drivers = batch.drivers.map((d) => Number(d.slice(1)));
      t = performance.now();
      const { rows } = await db.query<{ depth: number; pairs: string }>(
        `WITH RECURSIVE walk (rider, node, depth) AS (
           SELECT r, r, 0 FROM unnest($1::int[]) AS r
           UNION
           SELECT w.rider, v.b, w.depth + 1 FROM walk w JOIN vouch v ON v.a = w.node WHERE w.depth < $3
         ), nearest AS (
           SELECT rider, node, min(depth) AS depth FROM walk GROUP BY rider, node
         )
         SELECT n.depth, count(*) AS pairs
         FROM unnest($1::int[]) AS r(rider) JOIN nearest n USING (rider)
         JOIN (SELECT DISTINCT unnest($2::int[])) AS d (node) USING (node)
         WHERE n.depth > 0 GROUP BY n.depth ORDER BY n.depth`,
        [riders, drivers, MAX_TRUST_SEARCH],
      );
      times.push(performance.now() - t);
      const sqlFound = new Array<number>(MAX_TRUST_SEARCH + 1).fill(0);
      for (const row of rows) sqlFound[row.depth] = Number(row.pairs);
      const same = sqlFound.every((n, d) => d === 0 || n === batch.found[d]);
      console.log(
        `  batch of 200 × 1,000 by WITH RECURSIVE: ${times.at(-1)!.toFixed(0)} ms, ` +
          `${same ? 'same pairs as in memory' : `DIFFERENT pairs: ${sqlFound.slice(1).join(', ')}`}`,
      );
    }
    const mean = times.reduce((s, v) => s + v, 0) / Math.max(1, times.length);
    console.log(`  mean ${mean.toFixed(0)} ms per batch, ${(mean / at(50)).toFixed(0)} × the in-memory p50`);
  } finally {
    await db.end().catch(() => undefined);
    await admin.query(`DROP DATABASE IF EXISTS ${database}`);
    await admin.end();
  }
}

const url = process.env.DATABASE_URL;
if (!url) console.log('\nPostgreSQL comparison skipped: DATABASE_URL is not set.');
else if (sqlBatches > 0) {
  await sqlComparison(url).catch((error: unknown) =>
    console.log(`\nPostgreSQL comparison skipped: ${error instanceof Error ? error.message : String(error)}`),
  );
}
