import { AppError } from './app-error.js';

const DAY_MS = 86_400_000;

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
  const to = toText ? new Date(toText) : new Date();
  if (Number.isNaN(to.getTime()))
    throw new AppError('VALIDATION_FAILED', 'to must be an ISO 8601 date', 'to');
  const from = fromText ? new Date(fromText) : rules.defaultFrom(to);
  if (Number.isNaN(from.getTime()))
    throw new AppError('VALIDATION_FAILED', 'from must be an ISO 8601 date', 'from');
  if (from >= to) throw new AppError('VALIDATION_FAILED', 'from must be before to', 'from');
  if (rules.maxDays !== undefined && to.getTime() - from.getTime() > rules.maxDays * DAY_MS) {
    throw new AppError('VALIDATION_FAILED', `the period is at most ${rules.maxDays} days`, 'from');
  }
  return { from, to };
}
