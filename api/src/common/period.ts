import { AppError } from './app-error.js';
import { readIsoInstant } from './iso-instant.js';

export const DAY_MS = 86_400_000;

/**
 * A date (midnight UTC), or a date and time with an offset, of a day that exists. `Date` alone also
 * reads "1 March" (as 2001) and rolls 30 February over to March.
 */
function isoDate(text: string, field: string): Date {
  const date = readIsoInstant(text, { dateOnly: true });
  if (!date)
    throw new AppError(
      'VALIDATION_FAILED',
      `${field} must be an ISO 8601 date, or date and time with an offset, of a day that exists`,
      field,
    );
  return date;
}

export interface Period {
  from: Date;
  to: Date;
}

export interface PeriodRules {
  /** The start when `from` is not given, from the end. */
  defaultFrom: (to: Date) => Date;
  /** Longest period allowed, in days; none when absent. */
  maxDays?: number;
}

/**
 * A `[from, to)` period from query parameters (ISO 8601); `to` defaults to now. A clear 400 naming
 * the parameter for anything unreadable, backwards or too long.
 */
export function parsePeriod(
  fromText: string | undefined,
  toText: string | undefined,
  rules: PeriodRules,
): Period {
  const to = toText ? isoDate(toText, 'to') : new Date();
  const from = fromText ? isoDate(fromText, 'from') : rules.defaultFrom(to);
  if (from >= to) throw new AppError('VALIDATION_FAILED', 'from must be before to', 'from');
  if (rules.maxDays !== undefined && to.getTime() - from.getTime() > rules.maxDays * DAY_MS) {
    throw new AppError('VALIDATION_FAILED', `the period is at most ${rules.maxDays} days`, 'from');
  }
  return { from, to };
}
