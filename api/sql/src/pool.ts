/**
 * The connection pool every Navette process opens on PostgreSQL (TypeORM's `extra`, handed to
 * node-postgres's pool), so that the API and the dispatcher run their statements under the same
 * session settings (infra/adr/0038).
 *
 * JIT is off for the session. PostgreSQL compiles a statement with LLVM once its estimated cost
 * passes `jit_above_cost` (100,000 by default); our statements are short lookups whose estimates
 * pass it as tables grow, and compiling then costs far more than running: the dispatcher's read of
 * a batch's drivers (~1,600 of them) ran in 20 ms and spent 473 ms compiling (bench:load, 25 req/s).
 * Set on each new connection (`onConnect`, awaited before the connection is first handed out)
 * rather than as a startup option, which PgBouncer refuses unless told to ignore it; a pooler must
 * run in session mode anyway (ADR 0036).
 */
export const SESSION_SETTINGS_SQL = 'SET jit = off';

/** What node-postgres's pool needs of a client to set it up. */
interface SettableClient {
  query(text: string): Promise<unknown>;
}

/** Pool options: at most `max` connections, a 5 s wait for one, the session settings on each. */
export function poolOptions(max: number): {
  max: number;
  connectionTimeoutMillis: number;
  onConnect: (client: SettableClient) => Promise<void>;
} {
  return {
    max,
    connectionTimeoutMillis: 5000,
    onConnect: async (client) => {
      await client.query(SESSION_SETTINGS_SQL);
    },
  };
}
