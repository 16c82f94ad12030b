import type {
  RotaFlagged,
  RotaNoShow,
  RotaSlotView,
  RotaView,
  RotaWeekView,
  SlotRepeat,
} from '@navette/contracts';
import { errorText, h } from '@navette/web-kit';
import type { MessageKey } from './i18n.js';
import { RotaWeek } from './rota-week-view.js';
import type { ConsoleDeps, Section } from './section.js';
import './rota.css';

const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/**
 * The rota (`#rota`): the territory's week (shifts, sign-ups, gaps, demand, flags, fairness), a
 * form for a new slot (one-off or weekly), and a day's booked rides planned over the drivers
 * signed up. Told live of no-shows and flagged rides.
 */
export function rotaSection(deps: ConsoleDeps): Section {
  const { api, locale, socket } = deps;
  const t = (key: MessageKey, params?: Record<string, string | number>) => locale.t(key, params);
  const element = h('section', { class: 'rota-section', 'aria-labelledby': 'rota-heading' });
  const heading = h('h2', { id: 'rota-heading' });
  const weekLabel = h('p', { class: 'strong', 'data-testid': 'rota-week-label' });
  const previous = h('button', { type: 'button', class: 'secondary', 'data-testid': 'rota-previous' });
  const next = h('button', { type: 'button', class: 'secondary', 'data-testid': 'rota-next' });
  const notice = h('p', { class: 'notice', role: 'status', 'data-testid': 'rota-notice' });
  const problem = h('p', { class: 'error', role: 'alert', 'data-testid': 'rota-error', hidden: true });
  const week = new RotaWeek(locale);

  // The new-slot form: every input labelled.
  const field = (id: string, control: HTMLElement) => {
    control.id = id;
    const label = h('label', { for: id });
    return { label, wrap: h('div', { class: 'field' }, label, control) };
  };
  const repeat = h('select', { 'data-testid': 'slot-repeat' });
  const once = h('option', { value: 'once' });
  const weekly = h('option', { value: 'weekly' });
  repeat.append(once, weekly);
  const firstDate = h('input', { type: 'date', required: true, 'data-testid': 'slot-date' });
  const untilDate = h('input', { type: 'date', 'data-testid': 'slot-until' });
  const startTime = h('input', { type: 'time', required: true, 'data-testid': 'slot-time' });
  const duration = h('input', {
    type: 'number',
    min: 15,
    max: 1440,
    value: '240',
    required: true,
    'data-testid': 'slot-minutes',
  });
  const needed = h('input', {
    type: 'number',
    min: 1,
    max: 100,
    value: '2',
    required: true,
    'data-testid': 'slot-needed',
  });
  const note = h('input', { type: 'text', maxLength: 500, 'data-testid': 'slot-note' });
  const fields = {
    repeat: field('slot-repeat', repeat),
    firstDate: field('slot-first-date', firstDate),
    untilDate: field('slot-until-date', untilDate),
    startTime: field('slot-start-time', startTime),
    duration: field('slot-duration', duration),
    needed: field('slot-needed', needed),
    note: field('slot-note', note),
  };
  const submit = h('button', { type: 'submit', 'data-testid': 'slot-submit' });
  const formTitle = h('h3', {});
  const form = h(
    'form',
    { class: 'rota-form', 'data-testid': 'slot-form' },
    formTitle,
    h('div', { class: 'fields' }, ...Object.values(fields).map((f) => f.wrap)),
    h('div', { class: 'buttons' }, submit),
  );

  // A day's plan.
  const planTitle = h('h3', {});
  const planDate = h('input', { type: 'date', 'data-testid': 'plan-date' });
  const planField = field('plan-date', planDate);
  const planSubmit = h('button', { type: 'button', 'data-testid': 'plan-submit' });
  const planResult = h('div', { 'data-testid': 'plan-result' });
  const plan = h(
    'section',
    { class: 'rota-block' },
    planTitle,
    h('div', { class: 'fields' }, planField.wrap),
    h('div', { class: 'buttons' }, planSubmit),
    planResult,
  );

  element.append(
    heading,
    h('div', { class: 'rota-nav' }, previous, weekLabel, next),
    notice,
    problem,
    week.element,
    form,
    plan,
  );

  let territoryId: string | undefined;
  let from: string | undefined;
  let current: RotaWeekView | undefined;
  let planned: RotaView | undefined;

  const fail = (failure: unknown) => {
    problem.textContent = errorText(failure, locale);
    problem.hidden = false;
  };

  async function load(): Promise<void> {
    if (!territoryId) return;
    const asked = territoryId;
    try {
      const view = await api.get<RotaWeekView>(
        `/api/territories/${asked}/rota/week${from ? `?from=${from}` : ''}`,
      );
      if (asked !== territoryId) return;
      current = view;
      from = view.from;
      problem.hidden = true;
      renderWords();
      element.dataset.state = 'ready';
    } catch (failure) {
      fail(failure);
    }
  }

  function renderPlan(): void {
    if (!planned || !current) return planResult.replaceChildren();
    const timezone = current.timezone;
    const time = (iso: string) =>
      new Intl.DateTimeFormat(locale.formatLocale, {
        timeZone: timezone,
        hour: '2-digit',
        minute: '2-digit',
      }).format(new Date(iso));
    const routes = planned.routes.map((route) =>
      h(
        'li',
        { 'data-testid': 'plan-route', 'data-driver': route.driverId },
        h(
          'p',
          { class: 'strong' },
          t('rota.planRoute', { driver: route.driverName, count: route.stops.length }),
        ),
        h(
          'p',
          { class: 'small' },
          route.stops
            .map((s) =>
              t('rota.planStop', {
                time: time(s.at),
                kind: t(s.type === 'pickup' ? 'rota.pickup' : 'rota.dropoff'),
              }),
            )
            .join(' · '),
        ),
      ),
    );
    planResult.replaceChildren(
      ...(routes.length ? [h('ul', {}, ...routes)] : [h('p', { class: 'small' }, t('rota.planEmpty'))]),
      ...(planned.unassigned.length
        ? [
            h(
              'p',
              { class: 'error', 'data-testid': 'plan-unassigned' },
              t('rota.unassigned', { count: planned.unassigned.length }),
            ),
          ]
        : []),
    );
  }

  function renderWords(): void {
    heading.textContent = t('rota.title');
    previous.textContent = t('rota.previous');
    next.textContent = t('rota.next');
    weekLabel.textContent = from ? t('rota.week', { date: week.day(from) }) : t('rota.loading');
    formTitle.textContent = t('rota.create');
    fields.repeat.label.textContent = t('rota.repeat');
    once.textContent = t('rota.repeat.once');
    weekly.textContent = t('rota.repeat.weekly');
    fields.firstDate.label.textContent = t('rota.firstDate');
    fields.untilDate.label.textContent = t('rota.untilDate');
    fields.startTime.label.textContent = t('rota.startTime');
    fields.duration.label.textContent = t('rota.duration');
    fields.needed.label.textContent = t('rota.needed');
    fields.note.label.textContent = t('rota.note');
    submit.textContent = t('rota.submit');
    planTitle.textContent = t('rota.plan');
    planField.label.textContent = t('rota.planDate');
    planSubmit.textContent = t('rota.planSubmit');
    if (current) week.render(current);
    renderPlan();
  }
  locale.bind(renderWords);

  previous.addEventListener('click', () => {
    if (from) from = addDays(from, -7);
    void load();
  });
  next.addEventListener('click', () => {
    if (from) from = addDays(from, 7);
    void load();
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (!territoryId) return;
    submit.disabled = true;
    const body = {
      repeat: repeat.value as SlotRepeat,
      firstDate: firstDate.value,
      ...(repeat.value === 'weekly' && untilDate.value ? { untilDate: untilDate.value } : {}),
      startTime: startTime.value,
      durationMinutes: Number(duration.value),
      driversNeeded: Number(needed.value),
      ...(note.value.trim() ? { note: note.value.trim() } : {}),
    };
    api
      .post<RotaSlotView>(`/api/territories/${territoryId}/rota/slots`, body)
      .then(async () => {
        notice.textContent = t('rota.created');
        from = firstDate.value;
        await load();
      })
      .catch(fail)
      .finally(() => (submit.disabled = false));
  });
  planSubmit.addEventListener('click', () => {
    if (!territoryId) return;
    planSubmit.disabled = true;
    api
      .get<RotaView>(`/api/territories/${territoryId}/rota${planDate.value ? `?date=${planDate.value}` : ''}`)
      .then((view) => {
        planned = view;
        planDate.value = view.date;
        renderPlan();
      })
      .catch(fail)
      .finally(() => (planSubmit.disabled = false));
  });

  const onNoShow = (told: RotaNoShow) => {
    notice.textContent = t('rota.noShowTold', { name: told.driverName });
    void load();
  };
  const onFlagged = (told: RotaFlagged) => {
    notice.textContent = t('rota.flaggedTold', { count: told.rideIds.length, date: week.day(told.date) });
    void load();
  };

  return {
    id: 'rota',
    label: 'rota.nav',
    element,
    open(id: string) {
      if (id !== territoryId) {
        from = undefined;
        current = undefined;
        planned = undefined;
        planResult.replaceChildren();
      }
      territoryId = id;
      socket.on('rota:no-show', onNoShow);
      socket.on('rota:flagged', onFlagged);
      void load();
    },
    close() {
      socket.off('rota:no-show', onNoShow);
      socket.off('rota:flagged', onFlagged);
    },
  };
}
