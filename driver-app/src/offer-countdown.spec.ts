import { formatCountdown, secondsLeft } from './offer-countdown.js';

describe('offer countdown', () => {
  const now = Date.parse('2025-06-01T10:00:00.000Z');

  it('counts whole seconds up to the expiry, rounding up', () => {
    expect(secondsLeft('2025-06-01T10:00:30.000Z', now)).toBe(30);
    expect(secondsLeft('2025-06-01T10:00:00.400Z', now)).toBe(1);
  });

  it('never goes below zero, and treats a bad date as expired', () => {
    expect(secondsLeft('2025-06-01T09:59:00.000Z', now)).toBe(0);
    expect(secondsLeft('not a date', now)).toBe(0);
  });

  it('prints minutes and seconds', () => {
    expect(formatCountdown(7)).toBe('0:07');
    expect(formatCountdown(150)).toBe('2:30');
    expect(formatCountdown(-3)).toBe('0:00');
  });
});
