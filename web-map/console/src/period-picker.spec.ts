import { toCsv } from './download.js';
import { lastDays, periodQuery } from './period-picker.js';

describe('lastDays', () => {
  it('is [first day, the day after today) in UTC dates, today included', () => {
    expect(lastDays(30, new Date('2026-12-06T23:30:00Z'))).toEqual({ from: '2026-11-07', to: '2026-12-07' });
    expect(lastDays(1, new Date('2026-03-01T00:00:00Z'))).toEqual({ from: '2026-03-01', to: '2026-03-02' });
  });

  it('reads as the API query', () => {
    expect(periodQuery({ from: '2026-11-07', to: '2026-12-07' })).toBe('from=2026-11-07&to=2026-12-07');
  });
});

describe('toCsv', () => {
  it('quotes what needs it and ends each line with CRLF (RFC 4180)', () => {
    expect(
      toCsv([
        ['Zone', 'Rate'],
        ['Kallio, north', 0.25],
        ['"Quay"', null],
      ]),
    ).toBe('Zone,Rate\r\n"Kallio, north",0.25\r\n"""Quay""",\r\n');
  });
});
