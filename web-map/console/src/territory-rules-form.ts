import type { TerritoryDetailProperties, TerritoryRules } from '@navette/contracts';
import { h } from '@navette/web-kit';
import type { MessageKey } from './i18n.js';
import type { Locale } from './locale.js';

type NumberKey = {
  [K in keyof TerritoryRules]-?: TerritoryRules[K] extends number | null ? K : never;
}[keyof TerritoryRules];

/** A numeric rule as a person enters it: in minutes where the API counts seconds, empty for "none". */
interface NumberField {
  key: NumberKey;
  label: MessageKey;
  /** How many API units one entered unit is (60: entered in minutes, stored in seconds). */
  scale: number;
  step: string;
  /** Empty means null (no limit, off). */
  nullable?: boolean;
}

const NUMBER_FIELDS: NumberField[] = [
  { key: 'maxWaitSeconds', label: 'rules.maxWaitMinutes', scale: 60, step: 'any' },
  { key: 'offerTimeoutSeconds', label: 'rules.offerTimeoutSeconds', scale: 1, step: '1' },
  { key: 'maxDetourFactor', label: 'rules.maxDetourFactor', scale: 1, step: '0.1' },
  { key: 'defaultTrustDistance', label: 'rules.defaultTrustDistance', scale: 1, step: '1', nullable: true },
  { key: 'escalateAfterSeconds', label: 'rules.escalateAfterMinutes', scale: 60, step: 'any' },
  { key: 'positionMaxAgeSeconds', label: 'rules.positionMaxAgeSeconds', scale: 1, step: '1' },
  { key: 'restAfterMissSeconds', label: 'rules.restAfterMissSeconds', scale: 1, step: '1' },
  { key: 'restMaxSeconds', label: 'rules.restMaxMinutes', scale: 60, step: 'any' },
  { key: 'snapPickupToStopMeters', label: 'rules.snapMeters', scale: 1, step: '1', nullable: true },
  { key: 'placeRetentionDays', label: 'rules.placeRetentionDays', scale: 1, step: '1' },
];

const hhmm = (minute: number) =>
  `${String(Math.floor(minute / 60) % 24).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
const minuteOf = (text: string) => {
  const [h, m] = text.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
};

/** What the form sends: the name and every rule (`PUT /api/territories/:id` properties). */
export type RulesChange = { name: string } & TerritoryRules;

/**
 * A territory's name and rules as a form: service hours, time zone, trust default, offer and rest
 * timings, stop snapping, escalation, detours, pooling, retention. Emits the whole set on submit;
 * `fieldFault` marks the input the server named.
 */
export class TerritoryRulesForm {
  readonly element: HTMLFormElement;
  private readonly words = new Map<HTMLElement, MessageKey>();
  private readonly name = h('input', { id: 'rules-name', 'data-testid': 'rules-name', autocomplete: 'off' });
  private readonly numbers = new Map<NumberKey, HTMLInputElement>();
  private readonly pooling = h('input', {
    type: 'checkbox',
    id: 'rules-pooling',
    'data-testid': 'rules-pooling',
  });
  private readonly allDay = h('input', {
    type: 'checkbox',
    id: 'rules-all-day',
    'data-testid': 'rules-all-day',
  });
  private readonly opens = h('input', { type: 'time', id: 'rules-opens', 'data-testid': 'rules-opens' });
  private readonly closes = h('input', { type: 'time', id: 'rules-closes', 'data-testid': 'rules-closes' });
  private readonly timezone = h('select', { id: 'rules-timezone', 'data-testid': 'rules-timezone' });

  constructor(
    private readonly locale: Locale,
    onSave: (change: RulesChange) => void,
  ) {
    const label = (id: string, key: MessageKey) => {
      const element = h('label', { for: id });
      this.words.set(element, key);
      return element;
    };
    const field = (input: HTMLElement, key: MessageKey) =>
      h('div', { class: 'field' }, label(input.id, key), input);
    const check = (input: HTMLInputElement, key: MessageKey) =>
      h('div', { class: 'check' }, input, label(input.id, key));
    const numberFields = NUMBER_FIELDS.map((f) => {
      const input = h('input', {
        type: 'number',
        id: `rules-${f.key}`,
        'data-testid': `rules-${f.key}`,
        step: f.step,
        inputmode: 'decimal',
      });
      this.numbers.set(f.key, input);
      return field(input, f.label);
    });
    const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
    for (const zone of ['Etc/UTC', ...zones]) this.timezone.append(h('option', { value: zone }, zone));
    this.allDay.addEventListener('change', () => this.showHours());
    const save = h('button', { type: 'submit', 'data-testid': 'rules-save' });
    this.words.set(save, 'rules.save');
    const title = h('h3');
    this.words.set(title, 'rules.title');
    const hint = h('p', { class: 'small' });
    this.words.set(hint, 'rules.emptyMeansNone');
    this.element = h(
      'form',
      { class: 'card rules', 'data-testid': 'rules-form' },
      title,
      field(this.name, 'rules.name'),
      check(this.allDay, 'rules.allDay'),
      h('div', { class: 'rules-grid' }, field(this.opens, 'rules.opens'), field(this.closes, 'rules.closes')),
      field(this.timezone, 'rules.timezone'),
      check(this.pooling, 'rules.pooling'),
      hint,
      h('div', { class: 'rules-grid' }, ...numberFields),
      save,
    );
    this.element.addEventListener('submit', (event) => {
      event.preventDefault();
      onSave(this.value());
    });
    locale.bind(() => {
      for (const [element, key] of this.words) element.textContent = locale.t(key);
    });
  }

  render(territory: TerritoryDetailProperties): void {
    this.name.value = territory.name;
    for (const f of NUMBER_FIELDS) {
      const value = territory[f.key];
      this.numbers.get(f.key)!.value =
        value === null ? '' : String(Math.round((value / f.scale) * 100) / 100);
    }
    this.pooling.checked = territory.pooling;
    this.allDay.checked = territory.serviceHours === null;
    this.opens.value = hhmm(territory.serviceHours?.[0] ?? 8 * 60);
    this.closes.value = hhmm(territory.serviceHours?.[1] ?? 20 * 60);
    if (![...this.timezone.options].some((o) => o.value === territory.timezone))
      this.timezone.append(h('option', { value: territory.timezone }, territory.timezone));
    this.timezone.value = territory.timezone;
    this.showHours();
    this.fieldFault(undefined);
  }

  /** Marks the input the server named (`properties.maxWaitSeconds`) as invalid, and focuses it. */
  fieldFault(field: string | undefined): void {
    for (const input of this.element.querySelectorAll('input, select')) input.removeAttribute('aria-invalid');
    const key = field?.replace(/^properties\./, '');
    const input =
      key === 'serviceHours'
        ? this.opens
        : key === 'name'
          ? this.name
          : key === 'timezone'
            ? this.timezone
            : this.numbers.get(key as NumberKey);
    if (!input) return;
    input.setAttribute('aria-invalid', 'true');
    input.focus();
  }

  private showHours(): void {
    this.opens.disabled = this.closes.disabled = this.allDay.checked;
  }

  private value(): RulesChange {
    const numbers = Object.fromEntries(
      NUMBER_FIELDS.map((f) => {
        const text = this.numbers.get(f.key)!.value.trim();
        const value = text === '' && f.nullable ? null : Number(text) * f.scale;
        return [f.key, value === null || f.scale === 1 ? value : Math.round(value)];
      }),
    ) as Pick<TerritoryRules, NumberKey>;
    const closes = minuteOf(this.closes.value);
    return {
      name: this.name.value,
      ...numbers,
      pooling: this.pooling.checked,
      timezone: this.timezone.value,
      // Closing at 00:00 is the end of the day.
      serviceHours: this.allDay.checked ? null : [minuteOf(this.opens.value), closes === 0 ? 1440 : closes],
    };
  }
}
