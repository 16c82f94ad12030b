import { queryPrepared, sqlStateOf, statementName } from '@navette/sql';
import type { DataSource } from 'typeorm';
import { createTestDatabase, type TestDatabase } from '../../test/test-database.js';
import { createDataSource } from './data-source.js';

// Named prepared statements (infra/adr/0036) on a real PostgreSQL: one connection in the pool, so
// every call below runs on the same backend and its prepared statements can be inspected.
let database: TestDatabase;
let db: DataSource;

beforeAll(async () => {
  database = await createTestDatabase();
  db = await createDataSource(database.url, { poolSize: 1 }).initialize();
}, 60_000);

afterAll(async () => {
  await db?.destroy();
  await database?.drop();
});

const SUM = 'SELECT $1::int + $2::int AS total, $3::text AS label';

describe('queryPrepared', () => {
  it('returns what the unnamed query returns', async () => {
    const unnamed = await db.query(SUM, [2, 3, 'five']);
    const named = await queryPrepared<{ total: number; label: string }>(db.manager, SUM, [2, 3, 'five']);
    expect(named).toEqual(unnamed);
    expect(named).toEqual([{ total: 5, label: 'five' }]);
  });

  it('prepares a statement once per connection and comes to reuse a generic plan', async () => {
    const text = 'SELECT count(*)::int AS n FROM rides WHERE rider_id = $1';
    for (let i = 0; i < 8; i++) {
      await queryPrepared(db.manager, text, ['00000000-0000-0000-0000-00000000000' + i]);
    }
    const [statement] = await db.query<{ count: number; generic_plans: string; custom_plans: string }[]>(
      `SELECT count(*) OVER ()::int AS count, generic_plans, custom_plans
         FROM pg_prepared_statements WHERE name = $1`,
      [statementName(text)],
    );
    expect(statement?.count).toBe(1);
    // PostgreSQL's plan cache: five custom plans, then the generic one for every later call.
    expect(Number(statement?.custom_plans) + Number(statement?.generic_plans)).toBe(8);
    expect(Number(statement?.generic_plans)).toBeGreaterThan(0);
  });

  it('reads inside the caller’s transaction', async () => {
    await db.transaction(async (manager) => {
      await manager.query(`CREATE TEMP TABLE prepared_probe (n int) ON COMMIT DROP`);
      await manager.query(`INSERT INTO prepared_probe VALUES (7)`);
      const rows = await queryPrepared<{ n: number }>(
        manager,
        'SELECT n FROM prepared_probe WHERE n = $1',
        [7],
      );
      expect(rows).toEqual([{ n: 7 }]);
    });
  });

  it('names each text apart, and one text always alike', () => {
    expect(statementName(SUM)).toBe(statementName(`${SUM}`));
    expect(statementName(SUM)).not.toBe(statementName(`${SUM} `));
    expect(statementName(SUM)).toMatch(/^navette_[0-9a-f]{24}$/);
  });

  it('runs unnamed through anything that only runs queries', async () => {
    const seen: string[] = [];
    const plain = { query: (text: string, params?: unknown[]) => (seen.push(text), db.query(text, params)) };
    expect(await queryPrepared(plain, SUM, [1, 1, 'two'])).toEqual([{ total: 2, label: 'two' }]);
    expect(seen).toEqual([SUM]);
  });

  it('fails with PostgreSQL’s SQLSTATE and gives its connection back', async () => {
    const failure = await queryPrepared(db.manager, 'SELECT $1::int AS n', ['not a number']).catch(
      (error: unknown) => error,
    );
    expect(sqlStateOf(failure)).toBe('22P02');
    // The pool has one connection: this would wait forever had the failed call kept it.
    expect(await queryPrepared(db.manager, 'SELECT $1::int AS n', [4])).toEqual([{ n: 4 }]);
  });
});
