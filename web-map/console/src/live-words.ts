import type { LiveDriver, LiveRide } from '@navette/contracts';
import type { Locale } from './locale.js';

/** A wait or an age in words: "under a minute", "12 min", "1 h 5 min". */
export function ageWords(seconds: number, locale: Locale): string {
  if (seconds < 60) return locale.t('live.age.seconds');
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return locale.t('live.age.minutes', { n: minutes });
  return locale.t('live.age.hours', { h: Math.floor(minutes / 60), m: minutes % 60 });
}

/** A time of day, hh:mm in the interface's locale. */
export function clock(iso: string, locale: Locale): string {
  return new Date(iso).toLocaleTimeString(locale.formatLocale, { hour: '2-digit', minute: '2-digit' });
}

/** A driver's state in words: "idle", "resting until 14:05", "paused: no position". */
export function driverStateWords(driver: LiveDriver, locale: Locale): string {
  switch (driver.state) {
    case 'resting':
      return locale.t('live.state.resting', {
        time: clock(driver.restingUntil ?? new Date().toISOString(), locale),
      });
    case 'paused':
      return locale.t(`live.state.paused.${driver.pausedBecause ?? 'no-position'}`);
    default:
      return locale.t(`live.state.${driver.state}`);
  }
}

/** Where a ride starts, by its name (never bare coordinates). */
export function pickupWords(ride: LiveRide, locale: Locale): string {
  return ride.pickupName ?? locale.t('live.somewhere');
}
