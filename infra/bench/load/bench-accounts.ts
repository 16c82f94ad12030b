import bcrypt from 'bcryptjs';
import pg from 'pg';

/** The password of every bench account (hashed once, at bcrypt's lowest cost: logins stay cheap). */
export const BENCH_PASSWORD = 'bench-load-password';

/**
 * Riders and drivers (each with a four-seat car, not on shift) in one statement each, from
 * `generate_series`: thousands of accounts in a second, where HTTP registrations would take minutes.
 * Homes are left empty: the demo territory's rules apply to them as to any member.
 */
export async function createBenchAccounts(
  databaseUrl: string,
  counts: { riders: number; drivers: number },
): Promise<{ riders: string[]; drivers: string[] }> {
  const hash = bcrypt.hashSync(BENCH_PASSWORD, 4);
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('BEGIN');
    const insert = (role: 'rider' | 'driver', n: number) =>
      client.query<{ email: string }>(
        `INSERT INTO members (email, display_name, password_hash, role)
         SELECT 'load-' || $1 || '-' || i || '@bench.navette.test', initcap($1) || ' ' || i, $2, $1
           FROM generate_series(1, $3::int) AS i
         RETURNING email`,
        [role, hash, n],
      );
    const riders = await insert('rider', counts.riders);
    const drivers = await insert('driver', counts.drivers);
    await client.query(
      `INSERT INTO vehicles (driver_id, label, seats, wheelchair_places)
       SELECT id, 'car', 4, 0 FROM members WHERE email LIKE 'load-driver-%@bench.navette.test'`,
    );
    await client.query('COMMIT');
    return { riders: riders.rows.map((r) => r.email), drivers: drivers.rows.map((r) => r.email) };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}
