import type pg from 'pg';

/**
 * Holds a row lock from a connection of its own, so that a test decides the order in which
 * concurrent requests reach that row: each request that needs it queues behind the holder, in
 * the order they arrive, and goes on when `release()` commits.
 */
export async function holdRowLock(pool: pg.Pool, table: 'rides' | 'offers' | 'trips', id: string) {
  const client = await pool.connect();
  await client.query('BEGIN');
  await client.query(`SELECT 1 FROM ${table} WHERE id = $1 FOR UPDATE`, [id]);
  return {
    async release(): Promise<void> {
      await client.query('COMMIT');
      client.release();
    },
  };
}

/** Resolves once at least `count` backends of the pool's database wait for a lock. */
export async function untilWaitingForLocks(pool: pg.Pool, count: number, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const rows = await pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_stat_activity
        WHERE datname = current_database() AND wait_event_type = 'Lock'`,
    );
    if (rows.rows[0]!.n >= count) return;
    if (Date.now() > deadline) throw new Error(`${count} backends never waited for a lock together`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
