import type { RotaOccurrenceView, RotaWeekView } from '@navette/contracts';
import { h } from '@navette/web-kit';
import type { Locale } from './locale.js';

/**
 * The rota’s week, drawn from a `RotaWeekView`: each day's shifts with who signed up, who waits
 * and the gap; demand per hour against signed capacity (shortfalls marked in words, not only in
 * colour); booked rides flagged; each driver's share of shifts against declared hours.
 */
export class RotaWeek {
  readonly element = h('div', { class: 'rota-week' });

  constructor(private readonly locale: Locale) {}

  render(week: RotaWeekView): void {
    this.element.replaceChildren(this.days(week), this.demand(week), this.flags(week), this.fairness(week));
  }

  private time(iso: string, timezone: string): string {
    return new Intl.DateTimeFormat(this.locale.formatLocale, {
      timeZone: timezone,
      hour: '2-digit',
      minute: '2-digit',
    }).format(new Date(iso));
  }

  /** A local date (YYYY-MM-DD) as a weekday and day. */
  day(date: string): string {
    return new Intl.DateTimeFormat(this.locale.formatLocale, {
      timeZone: 'UTC',
      weekday: 'long',
      day: 'numeric',
      month: 'long',
    }).format(new Date(`${date}T12:00:00Z`));
  }

  private days(week: RotaWeekView): HTMLElement {
    const t = this.locale.t;
    const byDay = new Map<string, RotaOccurrenceView[]>();
    for (const o of week.occurrences) byDay.set(o.date, [...(byDay.get(o.date) ?? []), o]);
    if (byDay.size === 0)
      return h('p', { class: 'small', 'data-testid': 'rota-no-slots' }, t('rota.noSlots'));
    return h(
      'div',
      { class: 'rota-days' },
      ...[...byDay].map(([date, occurrences]) =>
        h(
          'section',
          { class: 'rota-day', 'data-testid': 'rota-day', 'data-date': date },
          h('h3', {}, this.day(date)),
          ...occurrences.map((o) => this.occurrence(o, week.timezone)),
        ),
      ),
    );
  }

  private occurrence(o: RotaOccurrenceView, timezone: string): HTMLElement {
    const t = this.locale.t;
    const names = (list: { driverName: string }[]) =>
      list.length ? list.map((s) => s.driverName).join(', ') : t('rota.nobody');
    return h(
      'article',
      {
        class: o.gap > 0 ? 'rota-occurrence gap' : 'rota-occurrence',
        'data-testid': 'rota-occurrence',
        'data-slot': o.slotId,
        'data-date': o.date,
      },
      h(
        'p',
        { class: 'strong' },
        t('rota.shift', { from: this.time(o.startsAt, timezone), to: this.time(o.endsAt, timezone) }),
      ),
      h('p', { class: 'small' }, [o.territoryName, o.note ?? ''].filter(Boolean).join(' · ')),
      h(
        'p',
        { 'data-testid': 'rota-gap' },
        `${t('rota.drivers', { signed: o.signed.length, needed: o.driversNeeded })} · ${
          o.gap > 0 ? t('rota.gap', { count: o.gap }) : t('rota.full')
        }`,
      ),
      h('p', { class: 'small', 'data-testid': 'rota-signed' }, t('rota.signed', { names: names(o.signed) })),
      ...(o.waiting.length
        ? [
            h(
              'p',
              { class: 'small', 'data-testid': 'rota-waiting' },
              t('rota.waiting', { names: names(o.waiting) }),
            ),
          ]
        : []),
    );
  }

  private demand(week: RotaWeekView): HTMLElement {
    const t = this.locale.t;
    const when = (iso: string) =>
      new Intl.DateTimeFormat(this.locale.formatLocale, {
        timeZone: week.timezone,
        weekday: 'short',
        hour: '2-digit',
        minute: '2-digit',
      }).format(new Date(iso));
    const body = week.hours.length
      ? h(
          'div',
          { class: 'table-scroll', tabIndex: 0, role: 'region', 'aria-label': t('rota.demand') },
          h(
            'table',
            { 'data-testid': 'rota-demand' },
            h(
              'thead',
              {},
              h(
                'tr',
                {},
                ...[
                  'rota.hour',
                  'rota.expected',
                  'rota.signedDrivers',
                  'rota.capacity',
                  'rota.shortfall',
                ].map((k) => h('th', { scope: 'col' }, t(k as 'rota.hour'))),
              ),
            ),
            h(
              'tbody',
              {},
              ...week.hours.map((hour) =>
                h(
                  'tr',
                  { class: hour.shortfall ? 'shortfall' : '', 'data-testid': 'rota-hour' },
                  h('th', { scope: 'row' }, when(hour.at)),
                  h('td', {}, String(hour.expectedRides)),
                  h('td', {}, String(hour.signedDrivers)),
                  h('td', {}, String(hour.capacityRides)),
                  h('td', {}, hour.shortfall ? t('rota.shortfall') : t('rota.ok')),
                ),
              ),
            ),
          ),
        )
      : h('p', { class: 'small' }, t('rota.noDemand'));
    return h(
      'section',
      { class: 'rota-block' },
      h('h3', {}, t('rota.demand')),
      h(
        'p',
        { class: 'small' },
        t('rota.demandHow', { weeks: week.forecast.weeks, rides: week.forecast.ridesPerDriverHour }),
      ),
      body,
    );
  }

  private flags(week: RotaWeekView): HTMLElement {
    const t = this.locale.t;
    const when = (iso: string) =>
      new Intl.DateTimeFormat(this.locale.formatLocale, {
        timeZone: week.timezone,
        weekday: 'short',
        hour: '2-digit',
        minute: '2-digit',
      }).format(new Date(iso));
    return h(
      'section',
      { class: 'rota-block' },
      h('h3', {}, t('rota.flags')),
      week.flags.length
        ? h(
            'ul',
            { 'data-testid': 'rota-flags' },
            ...week.flags.map((f) =>
              h(
                'li',
                { class: 'flag', 'data-testid': 'rota-flag' },
                t('rota.flag', { time: when(f.pickupAt), place: f.pickupName ?? t('rota.flagUnnamed') }),
              ),
            ),
          )
        : h('p', { class: 'small' }, t('rota.noFlags')),
    );
  }

  private fairness(week: RotaWeekView): HTMLElement {
    const t = this.locale.t;
    const percent = (share: number) => `${Math.round(share * 100)} %`;
    return h(
      'section',
      { class: 'rota-block' },
      h('h3', {}, t('rota.fairness')),
      h(
        'div',
        { class: 'table-scroll', tabIndex: 0, role: 'region', 'aria-label': t('rota.fairness') },
        h(
          'table',
          { 'data-testid': 'rota-fairness' },
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              ...[
                'rota.driver',
                'rota.shifts',
                'rota.shiftShare',
                'rota.declaredShare',
                'rota.late',
                'rota.noShows',
              ].map((k) => h('th', { scope: 'col' }, t(k as 'rota.driver'))),
            ),
          ),
          h(
            'tbody',
            {},
            ...week.fairness.map((d) =>
              h(
                'tr',
                { 'data-testid': 'rota-fair-driver' },
                h('th', { scope: 'row' }, d.name),
                h('td', {}, String(d.shifts)),
                h('td', {}, percent(d.shiftShare)),
                h('td', {}, percent(d.declaredShare)),
                h('td', {}, String(d.lateWithdrawals)),
                h('td', {}, String(d.noShows)),
              ),
            ),
          ),
        ),
      ),
    );
  }
}
