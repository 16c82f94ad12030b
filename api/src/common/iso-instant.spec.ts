import { readIsoInstant } from './iso-instant.js';

describe('readIsoInstant', () => {
  it('reads a date and time with an offset', () => {
    expect(readIsoInstant('2026-03-01T08:30:00Z')?.toISOString()).toBe('2026-03-01T08:30:00.000Z');
    expect(readIsoInstant('2026-03-01T08:30:00.5+02:00')?.toISOString()).toBe('2026-03-01T06:30:00.500Z');
    expect(readIsoInstant('2028-02-29T00:00Z')?.toISOString()).toBe('2028-02-29T00:00:00.000Z');
  });

  it('refuses a time without an offset: its instant depends on the server’s time zone', () => {
    expect(readIsoInstant('2026-03-01T08:30:00')).toBeUndefined();
  });

  it('refuses days and times that do not exist, instead of rolling them over', () => {
    for (const text of [
      '2026-02-30T10:00:00Z',
      '2026-02-29T10:00:00Z',
      '2026-13-01T10:00:00Z',
      '2026-04-31T10:00:00Z',
      '2026-03-01T24:00:00Z',
      '2026-03-01T10:60:00Z',
      '2026-03-01T10:00:00+25:00',
    ]) {
      expect(readIsoInstant(text)).toBeUndefined();
    }
  });

  it('takes a date alone only when asked, as midnight UTC, and checks it exists', () => {
    expect(readIsoInstant('2026-03-01')).toBeUndefined();
    expect(readIsoInstant('2026-03-01', { dateOnly: true })?.toISOString()).toBe('2026-03-01T00:00:00.000Z');
    expect(readIsoInstant('2026-02-30', { dateOnly: true })).toBeUndefined();
  });

  it('refuses what is not ISO 8601', () => {
    for (const text of ['tomorrow', '1 March', '', '2026-3-1', '20260301T0830Z']) {
      expect(readIsoInstant(text, { dateOnly: true })).toBeUndefined();
    }
  });
});
