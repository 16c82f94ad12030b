/** What a driver's own limits are checked against when they sign up for a shift. */
export interface SignupFacts {
  /** The shift's local start, minutes after local midnight, and its wall-clock length in minutes. */
  startMinute: number;
  durationMinutes: number;
  /** The driver's quiet hours, local minutes [start, end), or null. */
  quietHours: [number, number] | null;
  declaredHoursPerWeek: number;
  weeklyTripLimit: number | null;
  /** Minutes and shifts the driver is already signed for in the same local week (this one excluded). */
  signedMinutesThatWeek: number;
  signedShiftsThatWeek: number;
}

/** Why a sign-up is refused: the setting at fault (the field of `PATCH /api/me/settings`) and why. */
export interface LimitRefusal {
  field: 'quietHours' | 'declaredHoursPerWeek' | 'weeklyTripLimit';
  message: string;
}

const DAY = 1440;

/** The shift as local minute intervals within one day (a shift past midnight is split in two). */
function pieces(start: number, duration: number): [number, number][] {
  const end = start + Math.min(duration, DAY);
  return end <= DAY
    ? [[start, end]]
    : [
        [start, DAY],
        [0, end - DAY],
      ];
}

const hhmm = (minute: number) =>
  `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;

/**
 * The first of the driver's own limits the sign-up would break, or undefined: quiet hours (any
 * overlap), declared weekly hours (the week's signed hours with this shift beyond them), weekly
 * trip limit (each shift carries at least one trip, so more shifts in a week than the limit
 * cannot all be driven).
 */
export function limitRefusal(f: SignupFacts): LimitRefusal | undefined {
  if (f.quietHours) {
    const [qs, qe] = f.quietHours;
    if (pieces(f.startMinute, f.durationMinutes).some(([a, b]) => a < qe && qs < b))
      return {
        field: 'quietHours',
        message: `the shift falls in your quiet hours (${hhmm(qs)}–${hhmm(qe)})`,
      };
  }
  const weekMinutes = f.signedMinutesThatWeek + f.durationMinutes;
  if (weekMinutes > f.declaredHoursPerWeek * 60)
    return {
      field: 'declaredHoursPerWeek',
      message: `with this shift you would drive ${Math.round((weekMinutes / 60) * 10) / 10} h that week, beyond the ${f.declaredHoursPerWeek} h a week you declared`,
    };
  if (f.weeklyTripLimit !== null && f.signedShiftsThatWeek + 1 > f.weeklyTripLimit)
    return {
      field: 'weeklyTripLimit',
      message: `you already have ${f.signedShiftsThatWeek} shifts that week and a limit of ${f.weeklyTripLimit} trips a week`,
    };
  return undefined;
}
