import { zxcvbnOptions, zxcvbn } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import { AppError } from '../common/app-error.js';

/** Shortest password accepted, in characters. */
export const MIN_PASSWORD_LENGTH = 10;
/** Longest password accepted, in characters (bcrypt reads 72 bytes; more is refused, not cut). */
export const MAX_PASSWORD_LENGTH = 72;
/** Lowest zxcvbn score accepted (0–4): 3 is "safely unguessable" against an online attack. */
export const MIN_PASSWORD_SCORE = 3;

zxcvbnOptions.setOptions({
  dictionary: common.dictionary,
  graphs: common.adjacencyGraphs,
});

/**
 * Why this password is refused, or null: too short, too long, or too easy to guess (zxcvbn-ts with
 * its common-password and name lists, shipped in the package: nothing is fetched). The member's own
 * email and name count as guessable words.
 */
export function passwordWeakness(password: string, userInputs: readonly string[] = []): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `at least ${MIN_PASSWORD_LENGTH} characters`;
  if (Buffer.byteLength(password, 'utf8') > MAX_PASSWORD_LENGTH)
    return `at most ${MAX_PASSWORD_LENGTH} bytes`;
  const inputs = userInputs
    .flatMap((s) => s.toLowerCase().split(/[^\p{L}\p{N}]+/u))
    .filter((s) => s.length > 2);
  const result = zxcvbn(password, inputs);
  if (result.score >= MIN_PASSWORD_SCORE) return null;
  // Without a translation package zxcvbn-ts gives its warning as a key (`common`, `topHundred`, …).
  const why = result.feedback.warning ? ` (${result.feedback.warning})` : '';
  return `too easy to guess${why}: add words or characters`;
}

/** Throws VALIDATION_FAILED naming `field` when the password is weak. */
export function assertStrongPassword(
  field: string,
  password: string,
  userInputs: readonly string[] = [],
): void {
  const weakness = passwordWeakness(password, userInputs);
  if (weakness) throw new AppError('VALIDATION_FAILED', `${field} is too weak: ${weakness}`, field);
}
