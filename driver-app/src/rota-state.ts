import type { MyPlannedStop, RotaOccurrenceView } from '@navette/contracts';

/** What the driver's rota panel shows (the rota controller writes it, the panel reads it). */
export interface RotaState {
  /** Shifts of the driver's territories not yet over, soonest first. */
  shifts: readonly RotaOccurrenceView[];
  /** The latest word: a reminder, a promotion, a late withdrawal, a refusal's reason. */
  notice: string;
  error: string;
  /** An action on its way (buttons wait). */
  busy: boolean;
  /** The driver's planned stops, for the date shown (null: not asked). */
  stops: { date: string; stops: readonly MyPlannedStop[] } | null;
  nowMs: number;
}

export const initialRotaState = (): RotaState => ({
  shifts: [],
  notice: '',
  error: '',
  busy: false,
  stops: null,
  nowMs: Date.now(),
});

/** From how long before its start a scheduled shift can be started, ms (as the API allows). */
export const EARLY_START_MS = 30 * 60_000;

/** Whether the shift can be started now in one tap. */
export function startable(shift: RotaOccurrenceView, nowMs: number): boolean {
  return (
    shift.mine?.status === 'signed' &&
    shift.mine.shiftId === null &&
    nowMs >= Date.parse(shift.startsAt) - EARLY_START_MS &&
    nowMs < Date.parse(shift.endsAt)
  );
}
