import type { MemberSettings } from '@navette/contracts';
import { h } from '@navette/web-kit';
import type { AccountDeps, Section } from './section.js';
import { field, Line, onSubmit, said } from './ui.js';

/** `HH:MM` for a minute of the day; 1440 (midnight at the end of the day) is `00:00`. */
const hhmm = (minute: number) =>
  `${String(Math.floor((minute % 1440) / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
/** The minute of the day of `HH:MM`; an end at `00:00` is the day's end (1440). */
const minuteOf = (value: string, end: boolean) => {
  const [hours = 0, minutes = 0] = value.split(':').map(Number);
  const minute = hours * 60 + minutes;
  return end && minute === 0 ? 1440 : minute;
};

/**
 * My limits (`PATCH /api/me/settings`): how far in trust I ride or drive, and, for drivers, trips a
 * week, hours offered, quiet hours and waiting-spot suggestions. An empty field is no limit.
 */
export class LimitsSection implements Section {
  readonly id = 'limits';
  readonly label = 'nav.limits' as const;
  readonly element: HTMLElement;
  private readonly distance = h('select', { name: 'maxTrustDistance', 'data-testid': 'limit-distance' });
  private readonly trips = h('input', {
    name: 'weeklyTripLimit',
    type: 'number',
    min: 1,
    max: 500,
    inputmode: 'numeric',
    'data-testid': 'limit-trips',
  });
  private readonly hours = h('input', {
    name: 'declaredHoursPerWeek',
    type: 'number',
    min: 0,
    max: 168,
    step: '0.5',
    'data-testid': 'limit-hours',
  });
  private readonly quietFrom = h('input', { name: 'quietHours', type: 'time', 'data-testid': 'quiet-from' });
  private readonly quietTo = h('input', { name: 'quietTo', type: 'time', 'data-testid': 'quiet-to' });
  private readonly waitingSpots = h('input', {
    name: 'waitingSpotSuggestions',
    type: 'checkbox',
    'aria-describedby': 'hint-waiting-spots',
    'data-testid': 'limit-waiting-spots',
  });
  /** The member changed a field since the section opened: the server's answer must not undo it. */
  private edited = false;
  private readonly error: Line;
  private readonly done: Line;

  constructor(private readonly deps: AccountDeps) {
    const { locale } = deps;
    this.error = new Line(locale, 'error', 'limits-error');
    this.done = new Line(locale, 'notice', 'limits-done');
    locale.bind(() => {
      const chosen = this.distance.value;
      this.distance.replaceChildren(
        h('option', { value: '', textContent: locale.t('limits.noLimit') }),
        ...[1, 2, 3, 4, 5, 6].map((n) =>
          h('option', { value: String(n), textContent: locale.t('limits.steps', { count: n }) }),
        ),
      );
      this.distance.value = chosen;
    });
    const form = h(
      'form',
      { class: 'card', 'data-testid': 'limits-form' },
      field(locale, 'limits.distance', this.distance, 'limits.distanceHint'),
      said(locale, 'h3', 'limits.driving'),
      field(locale, 'limits.trips', this.trips, 'limits.emptyIsNone'),
      field(locale, 'limits.hours', this.hours),
      h(
        'fieldset',
        {},
        said(locale, 'legend', 'limits.quiet'),
        said(locale, 'p', 'limits.quietHint', { class: 'small' }),
        h(
          'div',
          { class: 'pair' },
          field(locale, 'limits.quietFrom', this.quietFrom),
          field(locale, 'limits.quietTo', this.quietTo),
        ),
      ),
      h('label', { class: 'check' }, this.waitingSpots, said(locale, 'span', 'limits.waitingSpots')),
      said(locale, 'small', 'limits.waitingSpotsHint', { id: 'hint-waiting-spots', class: 'hint' }),
      said(locale, 'button', 'limits.save', { type: 'submit', 'data-testid': 'limits-save' }),
      this.error.element,
      this.done.element,
    );
    // What the member types wins over the settings still on their way from the server.
    form.addEventListener('input', () => (this.edited = true));
    onSubmit(
      form,
      this.error,
      async () => {
        this.done.clear();
        this.show(await deps.api.send<MemberSettings>('PATCH', '/api/me/settings', this.read()));
        this.done.say('limits.saved');
      },
      { quietHours: 'limits.quietWrong' },
    );
    this.element = h(
      'section',
      { 'aria-labelledby': 'limits-title' },
      said(locale, 'h2', 'limits.title', { id: 'limits-title' }),
      said(locale, 'p', 'limits.intro'),
      form,
    );
  }

  open(): void {
    this.error.clear();
    this.done.clear();
    this.edited = false;
    this.deps.api
      .get<MemberSettings>('/api/me/settings')
      .then((settings) => {
        if (!this.edited) this.show(settings);
      })
      .catch((failure: unknown) => this.error.fail(failure));
  }

  close(): void {}

  private read(): MemberSettings {
    const from = this.quietFrom.value;
    const to = this.quietTo.value;
    return {
      maxTrustDistance: this.distance.value ? Number(this.distance.value) : null,
      weeklyTripLimit: this.trips.value ? Number(this.trips.value) : null,
      declaredHoursPerWeek: this.hours.value ? Number(this.hours.value) : 0,
      quietHours: from && to ? [minuteOf(from, false), minuteOf(to, true)] : null,
      waitingSpotSuggestions: this.waitingSpots.checked,
    };
  }

  private show(settings: MemberSettings): void {
    this.distance.value = settings.maxTrustDistance ? String(settings.maxTrustDistance) : '';
    this.trips.value = settings.weeklyTripLimit ? String(settings.weeklyTripLimit) : '';
    this.hours.value = String(settings.declaredHoursPerWeek ?? 0);
    this.quietFrom.value = settings.quietHours ? hhmm(settings.quietHours[0]) : '';
    this.quietTo.value = settings.quietHours ? hhmm(settings.quietHours[1]) : '';
    this.waitingSpots.checked = settings.waitingSpotSuggestions ?? true;
  }
}
