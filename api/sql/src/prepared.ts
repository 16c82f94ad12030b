import { createHash } from 'node:crypto';
import type { Queryable } from './queryable.js';

/**
 * Hot statements run as named prepared statements (infra/adr/0036).
 *
 * TypeORM's `query(text, params)` sends every statement unnamed, so PostgreSQL parses and plans it
 * on each call. For the ride view (eight joined tables) planning took ~1 ms against ~0.3 ms to run;
 * named, a connection plans it once and, after five custom plans, reuses a generic plan
 * (planning ~0.02 ms). node-postgres prepares a name once per connection and remembers it, so the
 * first call on each pooled connection pays the parse, the rest only bind and execute.
 */

/** node-postgres's client, as far as a named query needs it. */
interface NamedQueryClient {
  query(config: { name: string; text: string; values: unknown[] }): Promise<{ rows: unknown[] }>;
}

/** A TypeORM query runner, as far as this needs it. */
interface RunnerLike {
  connect(): Promise<unknown>;
  release(): Promise<void>;
}

/**
 * A TypeORM `EntityManager`: the data source's own (no query runner: a pooled connection is taken
 * for the call) or a transaction's (its connection is used, so the read sees the transaction).
 */
export interface PreparedCapable {
  readonly queryRunner?: RunnerLike;
  readonly connection: { createQueryRunner(): RunnerLike };
}

const names = new Map<string, string>();

/**
 * The statement's name: a digest of its text, so two texts never share a name (node-postgres
 * refuses a known name with another text) and the same text always finds its prepared plan.
 */
export function statementName(text: string): string {
  let name = names.get(text);
  if (name === undefined) {
    name = `navette_${createHash('sha256').update(text).digest('hex').slice(0, 24)}`;
    names.set(text, name);
  }
  return name;
}

/**
 * Runs `text` with `values` as a named prepared statement; the rows as node-postgres parses them.
 * Given only something that runs queries (a test's explaining wrapper, say), runs it unnamed.
 */
export async function queryPrepared<Row>(
  manager: PreparedCapable | Queryable,
  text: string,
  values: readonly unknown[],
): Promise<Row[]> {
  if (!('connection' in manager)) return (await manager.query(text, [...values])) as Row[];
  const own = manager.queryRunner === undefined;
  const runner = manager.queryRunner ?? manager.connection.createQueryRunner();
  try {
    const client = (await runner.connect()) as NamedQueryClient;
    const result = await client.query({ name: statementName(text), text, values: [...values] });
    return result.rows as Row[];
  } finally {
    if (own) await runner.release();
  }
}
