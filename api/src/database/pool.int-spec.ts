import pg from 'pg';
import type { DataSource } from 'typeorm';
import { createTestDatabase, type TestDatabase } from '../../test/test-database.js';
import { createDataSource } from './data-source.js';

// The session settings of every pooled connection (infra/adr/0038), on a real PostgreSQL.
let database: TestDatabase;
let db: DataSource;

beforeAll(async () => {
  database = await createTestDatabase();
  db = await createDataSource(database.url, { poolSize: 2 }).initialize();
}, 60_000);

afterAll(async () => {
  await db?.destroy();
  await database?.drop();
});

/** Estimated far above the default `jit_above_cost` (100,000): ~225,000 here. */
const COSTLY = `SELECT count(*) FROM generate_series(1, 3000) a, generate_series(1, 3000) b WHERE a + b = 7`;

interface Explained {
  Plan: { 'Total Cost': number };
  JIT?: { Functions: number };
}

const explain = async (run: (text: string) => Promise<unknown[]>) => {
  const [row] = (await run(`EXPLAIN (ANALYZE, FORMAT JSON) ${COSTLY}`)) as { 'QUERY PLAN': Explained[] }[];
  return row!['QUERY PLAN'][0]!;
};

describe('pooled connections', () => {
  it('run with JIT off, on every connection of the pool', async () => {
    const runners = [db.createQueryRunner(), db.createQueryRunner()];
    try {
      await Promise.all(runners.map((r) => r.connect()));
      const pids = new Set<number>();
      for (const runner of runners) {
        const [{ jit }] = (await runner.query('SHOW jit')) as [{ jit: string }];
        expect(jit).toBe('off');
        const [{ pid }] = (await runner.query('SELECT pg_backend_pid() AS pid')) as [{ pid: number }];
        pids.add(pid);
      }
      expect(pids.size).toBe(2);
    } finally {
      await Promise.all(runners.map((r) => r.release()));
    }
  });

  it('never compile a costly statement, which a session with the server defaults compiles', async () => {
    const pooled = await explain((text) => db.query(text));
    expect(pooled.Plan['Total Cost']).toBeGreaterThan(100_000);
    expect(pooled.JIT).toBeUndefined();

    const plain = new pg.Client({ connectionString: database.url });
    await plain.connect();
    try {
      const { rows } = await plain.query<{ available: boolean }>('SELECT pg_jit_available() AS available');
      // A server built without LLVM never compiles: then only the pooled side can be checked.
      if (rows[0]!.available) {
        const defaults = await explain(
          async (text) => (await plain.query<Record<string, unknown>>(text)).rows,
        );
        expect(defaults.JIT?.Functions).toBeGreaterThan(0);
      }
    } finally {
      await plain.end();
    }
  });
});
