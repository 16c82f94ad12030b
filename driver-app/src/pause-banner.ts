import type { DriverAvailability } from '@navette/contracts';
import { h, show } from '@navette/web-kit';
import type { MessageKey } from './i18n.js';
import type { Locale } from './locale.js';

/** The message saying why offers stopped, and until when if the pause ends by itself. */
export function pauseMessage(
  availability: DriverAvailability | null,
  nowMs: number,
): { key: MessageKey; until?: Date } | null {
  if (!availability || availability.state === 'available') return null;
  const until = availability.until ? new Date(availability.until) : undefined;
  if (availability.reason === 'resting') {
    return until && until.getTime() > nowMs ? { key: 'pause.resting', until } : null;
  }
  return { key: `pause.${availability.reason}` };
}

/** A banner on the shift card while offers cannot reach the driver: the reason, and the end time. */
export class PauseBanner {
  readonly element = h('p', {
    class: 'notice warning',
    role: 'status',
    'data-testid': 'pause-banner',
    hidden: true,
  });
  private availability: DriverAvailability | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly locale: Locale) {}

  /** The latest availability told by the server (null off shift); a rest hides itself when it ends. */
  set(availability: DriverAvailability | null): void {
    this.availability = availability;
    clearTimeout(this.timer);
    const until = availability?.state === 'paused' ? availability.until : undefined;
    if (until)
      this.timer = setTimeout(() => this.render(), Math.max(0, Date.parse(until) - Date.now()) + 500);
    this.render();
  }

  render(): void {
    const message = pauseMessage(this.availability, Date.now());
    this.element.dataset.reason = this.availability?.state === 'paused' ? this.availability.reason : '';
    show(this.element, message !== null);
    if (!message) return;
    const time = message.until?.toLocaleTimeString(this.locale.formatLocale, {
      hour: '2-digit',
      minute: '2-digit',
    });
    this.element.textContent = this.locale.t(message.key, time ? { time } : {});
  }
}
