import { MIN_PASSWORD_LENGTH, passwordWeakness } from './password-strength.js';

describe('passwordWeakness', () => {
  it('refuses passwords from the common-password list, however long', () => {
    expect(passwordWeakness('password123')).toMatch(/too easy to guess/);
    expect(passwordWeakness('qwertyuiop')).toMatch(/too easy to guess/);
  });

  it('refuses short passwords', () => {
    expect(passwordWeakness('x7#Kq!2')).toBe(`at least ${MIN_PASSWORD_LENGTH} characters`);
  });

  it('refuses passwords over bcrypt’s 72 bytes instead of cutting them', () => {
    expect(passwordWeakness('é'.repeat(40))).toBe('at most 72 bytes');
  });

  it('counts the member’s own email and name as guessable', () => {
    expect(passwordWeakness('kaisamakinen', [])).toBeNull();
    expect(passwordWeakness('kaisamakinen', ['kaisa.makinen@example.org'])).toMatch(/too easy/);
  });

  it('accepts a passphrase', () => {
    expect(passwordWeakness('correct horse battery staple')).toBeNull();
  });
});
