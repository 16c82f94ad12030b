import { h } from '@navette/web-kit';
import type { Locale } from './locale.js';

const DAY_MS = 86_400_000;

/** A period as the API reads it: `[from, to)`, both ISO 8601 dates (UTC midnight). */
export interface Period {
  from: string;
  to: string;
}

const isoDay = (at: Date) => at.toISOString().slice(0, 10);

/** The last `days` whole days, today included. */
export function lastDays(days: number, now = new Date()): Period {
  const tomorrow = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) + DAY_MS);
  return { from: isoDay(new Date(tomorrow.getTime() - days * DAY_MS)), to: isoDay(tomorrow) };
}

/** `?from=…&to=…` for an API path. */
export const periodQuery = (period: Period) =>
  `from=${encodeURIComponent(period.from)}&to=${encodeURIComponent(period.to)}`;

/**
 * Two date fields, first and last day (both included, as people count days), and a button that
 * applies them: `onChange` gets the API's `[from, to)` (the day after the last).
 */
export class PeriodPicker {
  readonly element: HTMLFormElement;
  private readonly first: HTMLInputElement;
  private readonly last: HTMLInputElement;
  private readonly firstLabel: HTMLLabelElement;
  private readonly lastLabel: HTMLLabelElement;
  private readonly apply = h('button', { type: 'submit' });

  constructor(
    private readonly locale: Locale,
    idPrefix: string,
    initial: Period,
    /** Without it, no button: the period is read when needed (`value`). */
    onChange?: (period: Period) => void,
  ) {
    this.first = h('input', { type: 'date', id: `${idPrefix}-from`, 'data-testid': `${idPrefix}-from` });
    this.last = h('input', { type: 'date', id: `${idPrefix}-to`, 'data-testid': `${idPrefix}-to` });
    this.firstLabel = h('label', { for: this.first.id });
    this.lastLabel = h('label', { for: this.last.id });
    this.apply.dataset.testid = `${idPrefix}-apply`;
    this.first.value = initial.from;
    this.last.value = isoDay(new Date(Date.parse(initial.to) - DAY_MS));
    this.element = h(
      'form',
      { class: 'period' },
      h('span', { class: 'field' }, this.firstLabel, this.first),
      h('span', { class: 'field' }, this.lastLabel, this.last),
    );
    if (onChange) this.element.append(this.apply);
    this.element.addEventListener('submit', (event) => {
      event.preventDefault();
      onChange?.(this.value);
    });
    locale.bind(() => this.renderWords());
  }

  /** The period shown, as the API reads it. */
  get value(): Period {
    const last = Date.parse(this.last.value);
    return {
      from: this.first.value,
      to: Number.isNaN(last) ? this.last.value : isoDay(new Date(last + DAY_MS)),
    };
  }

  private renderWords(): void {
    this.firstLabel.textContent = this.locale.t('period.from');
    this.lastLabel.textContent = this.locale.t('period.to');
    this.apply.textContent = this.locale.t('period.apply');
  }
}
