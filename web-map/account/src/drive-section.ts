import type { AvailabilitySlot, DriveRequestBody, DriveRequestView } from '@navette/contracts';
import { h } from '@navette/web-kit';
import type { Locale } from './locale.js';
import type { AccountDeps, Section } from './section.js';
import { field, Line, onSubmit, said, when } from './ui.js';

/** Day names in the page's language, Monday first (day 0 in the API): 1 January 2024 was a Monday. */
const dayName = (locale: Locale, day: number) =>
  new Intl.DateTimeFormat(locale.formatLocale, { weekday: 'long', timeZone: 'UTC' }).format(
    Date.UTC(2024, 0, 1 + day),
  );

/** One weekly slot's controls: day, from, to, and a button to remove it. */
class SlotRow {
  readonly element: HTMLElement;
  readonly day = h('select', { 'data-testid': 'slot-day' });
  readonly from = h('input', { type: 'time', required: true, value: '09:00', 'data-testid': 'slot-from' });
  readonly to = h('input', { type: 'time', required: true, value: '12:00', 'data-testid': 'slot-to' });

  constructor(locale: Locale, index: number, remove: () => void) {
    const removal = h('button', { type: 'button', class: 'secondary' });
    removal.addEventListener('click', remove);
    locale.bind(() => {
      const chosen = this.day.value || '0';
      this.day.replaceChildren(
        ...[0, 1, 2, 3, 4, 5, 6].map((d) =>
          h('option', { value: String(d), textContent: dayName(locale, d) }),
        ),
      );
      this.day.value = chosen;
      removal.textContent = locale.t('drive.removeSlot');
      removal.setAttribute('aria-label', locale.t('drive.removeSlotN', { n: index + 1 }));
    });
    this.element = h(
      'div',
      { class: 'slot', 'data-testid': 'slot' },
      field(locale, 'drive.day', this.day),
      field(locale, 'drive.from', this.from),
      field(locale, 'drive.to', this.to),
      removal,
    );
  }

  read(): AvailabilitySlot {
    return {
      day: Number(this.day.value),
      from: this.from.value,
      to: this.to.value === '00:00' ? '24:00' : this.to.value,
    };
  }
}

/**
 * Ask to drive (`POST /api/me/drive-request`): the vehicle (seats, wheelchair places, cargo) and the
 * weekly availability; then where the request stands and a coordinator's reason. A driver is told
 * they already drive, with the way to the driver app.
 */
export class DriveSection implements Section {
  readonly id = 'drive';
  readonly label = 'nav.drive' as const;
  readonly element: HTMLElement;
  private readonly requests = h('ul', { class: 'rows', 'data-testid': 'drive-requests' });
  private readonly form: HTMLFormElement;
  private readonly already: HTMLElement;
  private readonly slots = h('div', { class: 'slots' });
  private rows: SlotRow[] = [];
  private readonly error: Line;
  private readonly done: Line;
  private list: DriveRequestView[] = [];

  constructor(private readonly deps: AccountDeps) {
    const { locale } = deps;
    this.error = new Line(locale, 'error', 'drive-error');
    this.done = new Line(locale, 'notice', 'drive-done');
    const number = (name: string, max: number, value: string) =>
      h('input', {
        name,
        type: 'number',
        min: 0,
        max,
        value,
        required: true,
        inputmode: 'numeric',
        'data-testid': `drive-${name}`,
      });
    const label = h('input', { name: 'label', required: true, 'data-testid': 'drive-label' });
    const seats = number('seats', 60, '3');
    const wheelchair = number('wheelchairPlaces', 10, '0');
    const cargo = number('cargoUnits', 100, '0');
    const add = said(locale, 'button', 'drive.addSlot', {
      type: 'button',
      class: 'secondary',
      'data-testid': 'add-slot',
    });
    add.addEventListener('click', () => this.addSlot());
    this.form = h(
      'form',
      { class: 'card', 'data-testid': 'drive-form' },
      said(locale, 'h3', 'drive.vehicle'),
      field(locale, 'drive.label', label, 'drive.labelHint'),
      h(
        'div',
        { class: 'pair' },
        field(locale, 'drive.seats', seats),
        field(locale, 'drive.wheelchair', wheelchair),
        field(locale, 'drive.cargo', cargo),
      ),
      h(
        'fieldset',
        {},
        said(locale, 'legend', 'drive.availability'),
        said(locale, 'p', 'drive.availabilityHint', { class: 'small' }),
        this.slots,
        add,
      ),
      said(locale, 'button', 'drive.submit', { type: 'submit', 'data-testid': 'drive-submit' }),
    );
    onSubmit(
      this.form,
      this.error,
      async () => {
        const body: DriveRequestBody = {
          label: label.value.trim(),
          seats: Number(seats.value),
          wheelchairPlaces: Number(wheelchair.value),
          cargoUnits: Number(cargo.value),
          weeklyAvailability: this.rows.map((row) => row.read()),
        };
        await deps.api.post<DriveRequestView>('/api/me/drive-request', body);
        this.done.say('drive.sent');
        await this.load();
      },
      { weeklyAvailability: 'drive.slotsWrong' },
    );
    this.already = h(
      'p',
      { class: 'notice', 'data-testid': 'drive-already' },
      said(locale, 'span', 'drive.already'),
      ' ',
      said(locale, 'a', 'links.driver', { href: '/driver/' }),
    );
    this.element = h(
      'section',
      { 'aria-labelledby': 'drive-title' },
      said(locale, 'h2', 'drive.title', { id: 'drive-title' }),
      said(locale, 'p', 'drive.intro'),
      this.already,
      this.done.element,
      this.error.element,
      h('div', { class: 'card' }, said(locale, 'h3', 'drive.mine'), this.requests),
      this.form,
    );
    this.addSlot();
    locale.bind(() => this.render());
  }

  open(): void {
    this.error.clear();
    this.done.clear();
    void this.load().catch((failure: unknown) => this.error.fail(failure));
  }

  close(): void {}

  private async load(): Promise<void> {
    this.list = await this.deps.api.get<DriveRequestView[]>('/api/me/drive-requests');
    this.render();
  }

  private addSlot(): void {
    const row: SlotRow = new SlotRow(this.deps.locale, this.rows.length, () => {
      this.rows = this.rows.filter((r) => r !== row);
      row.element.remove();
    });
    this.rows.push(row);
    this.slots.append(row.element);
  }

  private render(): void {
    const { locale, member } = this.deps;
    const drives = member.role !== 'rider' || this.list.some((r) => r.status === 'approved');
    const pending = this.list.some((r) => r.status === 'pending');
    this.already.hidden = !drives;
    this.form.hidden = drives || pending;
    this.requests.replaceChildren(
      ...(this.list.length
        ? this.list.map((request) => {
            const slots = request.weeklyAvailability
              .map((s) => `${dayName(locale, s.day)} ${s.from}–${s.to}`)
              .join(', ');
            return h(
              'li',
              { 'data-testid': 'drive-request' },
              h('span', {
                class: 'strong',
                'data-testid': 'drive-status',
                textContent: locale.t(`drive.status.${request.status}`),
              }),
              ' ',
              h('span', {
                textContent: locale.t('drive.summary', {
                  label: request.label,
                  seats: request.seats,
                  wheelchair: request.wheelchairPlaces,
                  cargo: request.cargoUnits,
                  date: when(locale, request.createdAt),
                }),
              }),
              h('span', { class: 'small block', textContent: slots }),
              ...(request.reason && request.status === 'refused'
                ? [
                    h('span', {
                      class: 'block',
                      textContent: locale.t('drive.reason', { reason: request.reason }),
                    }),
                  ]
                : []),
            );
          })
        : [h('li', { class: 'small', textContent: locale.t('drive.none') })]),
    );
  }
}
