// Every transaction that takes row locks on the dispatch tables runs through `withTransaction`, in
// the API and in the dispatcher, so both follow one lock order and one retry rule.
//
// THE LOCK ORDER (infra/adr/0009). A transaction takes its row locks in this order and never back:
//
//   1. the zone's advisory lock        (the dispatcher's batch only)
//   2. rides, ascending id             (`lockRides`; the batch takes its rides with SKIP LOCKED)
//   3. offers                          (of the rides locked in 2, or of one driver)
//   4. trips                           (holds and routes; `lockTrip` before deciding that a trip
//                                       ends or that a ride joins it)
//   5. shifts and driver positions     (the driver)
//   6. rota occurrences, ascending id  (then their sign-ups and swaps; infra/adr/0027)
//
// Assignment rows are written only by a transaction holding their ride's lock, so they never
// order against anything. An entry point that starts from an offer or a driver reads the ride ids
// first, without locking, then locks the rides: that costs one query and removes the deadlocks of
// "accept (offer → ride)" against "cancel (ride → offer)".

/** PostgreSQL `deadlock_detected` and `serialization_failure`: the transaction may simply run again. */
const RETRYABLE_SQLSTATES = new Set(['40P01', '40001']);

export interface RetryOptions {
  /** Runs in all, the first included. Default 5. */
  attempts?: number;
  /** Back-off before the second run, milliseconds; doubled each time, with full jitter. Default 20. */
  baseDelayMs?: number;
  /** Longest back-off, milliseconds. Default 500. */
  maxDelayMs?: number;
}

/** SQL isolation levels, as TypeORM names them. */
export type IsolationLevel = 'READ UNCOMMITTED' | 'READ COMMITTED' | 'REPEATABLE READ' | 'SERIALIZABLE';

/**
 * What runs a transaction: a TypeORM `DataSource` (or `EntityManager`) fits. Both overloads are
 * spelled out so that TypeScript infers the manager's type from TypeORM's own two.
 */
export interface TransactionRunner<M> {
  transaction<T>(work: (manager: M) => Promise<T>): Promise<T>;
  transaction<T>(isolationLevel: IsolationLevel, work: (manager: M) => Promise<T>): Promise<T>;
}

/** The SQLSTATE of an error from pg (`code`) or from TypeORM (`driverError.code`), if any. */
export function sqlStateOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { code, driverError } = error as { code?: unknown; driverError?: { code?: unknown } };
  if (typeof driverError?.code === 'string') return driverError.code;
  return typeof code === 'string' ? code : undefined;
}

/** A deadlock or a serialisation failure: nothing was written, running again is safe. */
export function isRetryableConflict(error: unknown): boolean {
  return RETRYABLE_SQLSTATES.has(sqlStateOf(error) ?? '');
}

/**
 * Runs `work` (one whole transaction) again when PostgreSQL aborts it as a deadlock victim or a
 * serialisation failure, at most `attempts` times in all, sleeping a jittered, doubling back-off
 * between runs; then the last error is thrown. Any other error is thrown at once. `work` must be
 * the transaction and nothing else: what it does outside the database would be done again.
 */
export async function retryOnConflict<T>(work: () => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const attempts = Math.max(1, options.attempts ?? 5);
  const baseDelayMs = options.baseDelayMs ?? 20;
  const maxDelayMs = options.maxDelayMs ?? 500;
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= attempts || !isRetryableConflict(error)) throw error;
      const ceiling = Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1));
      await new Promise((resolve) => setTimeout(resolve, Math.random() * ceiling));
    }
  }
}

/** One transaction on `db`, run again on a deadlock or serialisation failure (`retryOnConflict`). */
export function withTransaction<M, T>(
  db: TransactionRunner<M>,
  work: (manager: M) => Promise<T>,
  options?: RetryOptions,
): Promise<T> {
  return retryOnConflict(() => db.transaction(work), options);
}
