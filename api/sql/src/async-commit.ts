/**
 * A CTE (`async_commit`) that turns `synchronous_commit` off for the statement's own transaction:
 * its commit returns without waiting for the WAL flush. Reference it from the statement (e.g.
 * `FROM async_commit`) so that it runs. For soft state only, whose loss on a PostgreSQL crash (at
 * most three `wal_writer_delay`s of commits, ~0.6 s by default) the next write replaces: a
 * driver's latest position, a socket's presence. The database stays consistent; nothing else
 * committed after it can survive a crash without it (the WAL is flushed in order). ADR 0030.
 */
export const ASYNC_COMMIT_CTE = `async_commit AS (SELECT set_config('synchronous_commit', 'off', true))`;
