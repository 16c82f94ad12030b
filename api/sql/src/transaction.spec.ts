import {
  isRetryableConflict,
  retryOnConflict,
  withTransaction,
  type TransactionRunner,
} from './transaction.js';

/** An error shaped as pg raises it (`code`) or as TypeORM wraps it (`driverError.code`). */
const pgError = (code: string) => Object.assign(new Error(`sqlstate ${code}`), { code });
const typeormError = (code: string) => Object.assign(new Error('query failed'), { driverError: { code } });

/** A transaction that fails with each of `failures` in turn, then returns 'done'; counts its runs. */
function flaky(failures: Error[]) {
  let runs = 0;
  return {
    work: () => {
      const failure = failures[runs++];
      return failure ? Promise.reject(failure) : Promise.resolve('done');
    },
    runs: () => runs,
  };
}

describe('retrying a transaction that lost a deadlock or a serialisation check', () => {
  it('knows the two SQLSTATEs, whether pg or TypeORM reports them', () => {
    expect(isRetryableConflict(pgError('40P01'))).toBe(true);
    expect(isRetryableConflict(typeormError('40001'))).toBe(true);
    expect(isRetryableConflict(typeormError('23505'))).toBe(false);
    expect(isRetryableConflict(new Error('plain'))).toBe(false);
    expect(isRetryableConflict(undefined)).toBe(false);
  });

  it('runs again after a deadlock and a serialisation failure, and returns the result', async () => {
    const tx = flaky([pgError('40P01'), typeormError('40001')]);
    await expect(retryOnConflict(tx.work, { baseDelayMs: 1 })).resolves.toBe('done');
    expect(tx.runs()).toBe(3);
  });

  it('gives up after the bounded number of runs with the last error', async () => {
    const last = typeormError('40P01');
    const tx = flaky([pgError('40P01'), pgError('40P01'), last, pgError('40P01')]);
    await expect(retryOnConflict(tx.work, { attempts: 3, baseDelayMs: 1 })).rejects.toBe(last);
    expect(tx.runs()).toBe(3);
  });

  it('never runs again after any other error', async () => {
    const violation = pgError('23P01');
    const tx = flaky([violation]);
    await expect(retryOnConflict(tx.work, { baseDelayMs: 1 })).rejects.toBe(violation);
    expect(tx.runs()).toBe(1);
  });

  it('runs the whole transaction again through the runner', async () => {
    const tx = flaky([pgError('40P01')]);
    let opened = 0;
    const db: TransactionRunner<string> = {
      transaction: <T>(...args: unknown[]) => {
        opened++;
        return (args.at(-1) as (manager: string) => Promise<T>)('manager');
      },
    };
    await expect(withTransaction(db, () => tx.work(), { baseDelayMs: 1 })).resolves.toBe('done');
    expect(opened).toBe(2);
  });
});
