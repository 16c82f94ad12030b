import { randomInt } from 'node:crypto';

/** Crockford's base32: no I, L, O or U, so a code read aloud or copied by hand is not misread. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** Characters in a code: 50 bits, too many to guess within the vouching allowance. */
export const VOUCH_CODE_LENGTH = 10;

/** A new random code, stored form (`ABCDE12345`). */
export function newVouchCode(): string {
  let code = '';
  for (let i = 0; i < VOUCH_CODE_LENGTH; i++) code += ALPHABET[randomInt(ALPHABET.length)];
  return code;
}

/** The stored form of what a person typed: case, spaces and dashes ignored, O read as 0, I and L as 1; undefined if it cannot be a code. */
export function normaliseVouchCode(typed: string): string | undefined {
  const code = typed.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  return code.length === VOUCH_CODE_LENGTH && [...code].every((c) => ALPHABET.includes(c)) ? code : undefined;
}

/** How a code is shown: two groups of five (`ABCDE-12345`). */
export const showVouchCode = (code: string) => `${code.slice(0, 5)}-${code.slice(5)}`;
