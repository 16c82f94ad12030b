import { newVouchCode, normaliseVouchCode, showVouchCode } from './vouch-code.js';

describe('vouch codes', () => {
  it('are ten characters of Crockford base32, shown in two groups', () => {
    const code = newVouchCode();
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{10}$/);
    expect(showVouchCode('ABCDE12345')).toBe('ABCDE-12345');
  });

  it('are read back whatever the case, spaces and dashes, with O, I and L taken for digits', () => {
    expect(normaliseVouchCode(' abcde-12345 ')).toBe('ABCDE12345');
    expect(normaliseVouchCode('oIl ab cdefg')).toBe('011ABCDEFG');
    expect(normaliseVouchCode('ABCDE-1234')).toBeUndefined();
    expect(normaliseVouchCode('ABCDE-1234U')).toBeUndefined();
  });
});
