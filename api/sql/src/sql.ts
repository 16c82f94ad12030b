import type { Queryable } from './queryable.js';

/**
 * Runs SQL and returns its rows. TypeORM's `query()` returns `[rows, rowCount]` for UPDATE and
 * DELETE (even with RETURNING) but plain rows otherwise; this evens it out. See infra/adr/0003.
 */
export async function sql<T>(runner: Queryable, text: string, params: unknown[] = []): Promise<T[]> {
  const result: unknown = await runner.query(text, params);
  if (
    Array.isArray(result) &&
    result.length === 2 &&
    Array.isArray(result[0]) &&
    typeof result[1] === 'number'
  ) {
    return result[0] as T[];
  }
  return result as T[];
}
