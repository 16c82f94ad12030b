import type { MyTimeBank } from '@navette/contracts';
import { h } from '@navette/web-kit';
import type { AccountDeps, Section } from './section.js';
import { field, Line, onSubmit, said } from './ui.js';

/** `YYYY-MM-DD` of a date, in local time (what a date input shows). */
const day = (date: Date) =>
  `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;

/**
 * My time bank over a period I choose: hours given as a driver and received as a rider (information
 * for the community, not a currency). The period's end day is counted whole.
 */
export class TimeBankSection implements Section {
  readonly id = 'time-bank';
  readonly label = 'nav.timeBank' as const;
  readonly element: HTMLElement;
  private readonly from = h('input', {
    name: 'from',
    type: 'date',
    required: true,
    'data-testid': 'bank-from',
  });
  private readonly to = h('input', { name: 'to', type: 'date', required: true, 'data-testid': 'bank-to' });
  private readonly figures = h('dl', { class: 'figures', 'data-testid': 'time-bank' });
  private readonly error: Line;
  private bank: MyTimeBank | null = null;

  constructor(private readonly deps: AccountDeps) {
    const { locale } = deps;
    this.error = new Line(locale, 'error', 'bank-error');
    const now = new Date();
    this.from.value = day(new Date(now.getFullYear(), 0, 1));
    this.to.value = day(now);
    const form = h(
      'form',
      { class: 'card', 'data-testid': 'bank-form' },
      h('div', { class: 'pair' }, field(locale, 'bank.from', this.from), field(locale, 'bank.to', this.to)),
      said(locale, 'button', 'bank.show', { type: 'submit', 'data-testid': 'bank-show' }),
    );
    onSubmit(form, this.error, () => this.load());
    this.element = h(
      'section',
      { 'aria-labelledby': 'bank-title' },
      said(locale, 'h2', 'bank.title', { id: 'bank-title' }),
      said(locale, 'p', 'bank.intro'),
      form,
      this.error.element,
      h('div', { class: 'card', 'aria-live': 'polite' }, this.figures),
    );
    locale.bind(() => this.render());
  }

  open(): void {
    this.error.clear();
    this.load().catch((failure: unknown) => this.error.fail(failure));
  }

  close(): void {}

  private async load(): Promise<void> {
    const from = new Date(`${this.from.value}T00:00`);
    const to = new Date(`${this.to.value}T00:00`);
    to.setDate(to.getDate() + 1);
    const query = new URLSearchParams({ from: from.toISOString(), to: to.toISOString() });
    this.bank = await this.deps.api.get<MyTimeBank>(`/api/me/time-bank?${query.toString()}`);
    this.render();
  }

  private render(): void {
    const { locale } = this.deps;
    const bank = this.bank;
    if (!bank) return;
    const hours = (n: number) =>
      new Intl.NumberFormat(locale.formatLocale, { maximumFractionDigits: 1 }).format(n);
    const rows: [string, string, string][] = [
      [
        locale.t('bank.hoursGiven'),
        locale.t('bank.hours', { n: hours(bank.hoursGiven) }),
        'bank-hours-given',
      ],
      [locale.t('bank.tripsGiven'), String(bank.tripsGiven), 'bank-trips-given'],
      [
        locale.t('bank.hoursReceived'),
        locale.t('bank.hours', { n: hours(bank.hoursReceived) }),
        'bank-hours-received',
      ],
      [locale.t('bank.ridesReceived'), String(bank.ridesReceived), 'bank-rides-received'],
    ];
    this.figures.replaceChildren(
      ...rows.flatMap(([term, value, testid]) => [
        h('dt', { textContent: term }),
        h('dd', { textContent: value, 'data-testid': testid }),
      ]),
    );
  }
}
