import { registerDecorator, type ValidationOptions } from 'class-validator';

/** `2026-03-01`, or with a time `2026-03-01T08:30`, `…:00`, `…:00.123`, and an offset `Z` or `+02:00`. */
const ISO_8601 =
  /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-](\d{2}):?(\d{2}))?)?$/;

const daysIn = (year: number, month: number): number => new Date(Date.UTC(year, month, 0)).getUTCDate();

export interface IsoReading {
  /** A date alone (`2026-03-01`, read as midnight UTC) is allowed. Default false. */
  dateOnly?: boolean;
}

/**
 * The instant an ISO 8601 text names, or undefined when it names none: not ISO 8601, a day or time
 * that does not exist (`2026-02-30`, `24:00`; `Date` would roll them over), or a time of day without
 * an offset (`2026-03-01T08:30` is a different instant in each time zone).
 */
export function readIsoInstant(text: string, reading: IsoReading = {}): Date | undefined {
  const parts = ISO_8601.exec(text);
  if (!parts) return undefined;
  const [, year, month, day, hour, minute, second, offset, offsetHours, offsetMinutes] = parts;
  if (hour === undefined ? !reading.dateOnly : offset === undefined) return undefined;
  const [y, mo, d] = [Number(year), Number(month), Number(day)];
  if (mo < 1 || mo > 12 || d < 1 || d > daysIn(y, mo)) return undefined;
  if (Number(hour ?? 0) > 23 || Number(minute ?? 0) > 59 || Number(second ?? 0) > 59) return undefined;
  if (Number(offsetHours ?? 0) > 23 || Number(offsetMinutes ?? 0) > 59) return undefined;
  const instant = new Date(text);
  return Number.isNaN(instant.getTime()) ? undefined : instant;
}

/** class-validator decorator: an ISO 8601 date and time with an offset, of a day that exists. */
export function IsIsoInstant(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isIsoInstant',
      target: target.constructor,
      propertyName: String(propertyName),
      options,
      validator: {
        validate: (value: unknown) => typeof value === 'string' && readIsoInstant(value) !== undefined,
        defaultMessage: (args) =>
          `${args?.property} must be an ISO 8601 date and time with an offset (2026-03-01T08:30:00+02:00 or …Z), of a day that exists`,
      },
    });
}
