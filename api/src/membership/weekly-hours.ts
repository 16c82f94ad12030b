import type { AvailabilitySlot } from '@navette/contracts';

/** Minutes since midnight of an `HH:MM` time (00:00–24:00). */
const minutesOf = (hhmm: string): number => {
  const [h, m] = hhmm.split(':').map(Number);
  return h! * 60 + m!;
};

/** Whether a slot ends after it starts (same day: a night slot is two slots). */
export const slotIsOrdered = (slot: AvailabilitySlot): boolean => minutesOf(slot.to) > minutesOf(slot.from);

/** Hours a week the slots cover, overlaps counted once, rounded to the quarter hour. */
export function weeklyHours(slots: readonly AvailabilitySlot[]): number {
  const covered = new Set<number>();
  for (const slot of slots)
    for (let m = minutesOf(slot.from); m < minutesOf(slot.to); m++) covered.add(slot.day * 1440 + m);
  return Math.round((covered.size / 60) * 4) / 4;
}
