import { AppError } from './app-error.js';
import { parsePeriod } from './period.js';

const week = { defaultFrom: (to: Date) => new Date(to.getTime() - 7 * 86_400_000), maxDays: 366 };
const refusal = (from?: string, to?: string) => {
  try {
    parsePeriod(from, to, week);
  } catch (error) {
    return error instanceof AppError ? [error.statusCode, error.field] : error;
  }
  return 'accepted';
};

describe('a [from, to) period from query parameters', () => {
  it('reads ISO 8601 dates and date-times with an offset', () => {
    expect(parsePeriod('2025-03-01', '2025-03-02T12:30:00+02:00', week)).toEqual({
      from: new Date('2025-03-01T00:00:00Z'),
      to: new Date('2025-03-02T10:30:00Z'),
    });
    expect(parsePeriod(undefined, '2025-03-08T00:00:00.000Z', week).from).toEqual(
      new Date('2025-03-01T00:00:00Z'),
    );
  });

  it('refuses what JavaScript would guess at, naming the parameter', () => {
    expect(refusal('1 March')).toEqual([400, 'from']);
    expect(refusal(undefined, 'March 2, 2025')).toEqual([400, 'to']);
    expect(refusal('2025-02-30x')).toEqual([400, 'from']);
    expect(refusal('2025-13-01')).toEqual([400, 'from']);
  });

  it('refuses a day that does not exist (Date would roll it over) and a time without an offset', () => {
    expect(refusal('2025-02-30')).toEqual([400, 'from']);
    expect(refusal(undefined, '2025-04-31T10:00:00Z')).toEqual([400, 'to']);
    expect(refusal('2025-03-01T10:00:00')).toEqual([400, 'from']);
  });

  it('refuses a period backwards, empty or too long', () => {
    expect(refusal('2025-03-02', '2025-03-01')).toEqual([400, 'from']);
    expect(refusal('2025-03-01', '2025-03-01')).toEqual([400, 'from']);
    expect(refusal('2024-01-01', '2025-03-01')).toEqual([400, 'from']);
    expect(refusal('2024-03-01', '2025-03-01')).toBe('accepted');
  });
});
