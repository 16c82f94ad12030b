import { describe, expect, it } from '@jest/globals';
import { toErrorBody } from './error.filter.js';

/** What pg throws: an Error carrying the SQLSTATE in `code`. */
const pgError = (code: string, message: string) => Object.assign(new Error(message), { code });

describe('toErrorBody', () => {
  it('a deadlock or serialisation failure left after the retries is a 409 to send again, not a 500', () => {
    for (const state of ['40P01', '40001']) {
      expect(toErrorBody(pgError(state, 'deadlock detected'))).toEqual({
        statusCode: 409,
        code: 'CONFLICT',
        message: 'the request collided with other changes to the same rides; send it again',
      });
    }
  });

  it('any other database failure stays an internal error, its text kept out of the answer', () => {
    expect(toErrorBody(pgError('23505', 'duplicate key value violates unique constraint "x"'))).toEqual({
      statusCode: 500,
      code: 'INTERNAL',
      message: 'internal error',
    });
  });
});
