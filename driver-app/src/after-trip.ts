import type { FileReportRequest } from '@navette/contracts';
import { h, show } from '@navette/web-kit';
import type { AfterTrip as AfterTripState, DriverState } from './driver-state.js';
import type { MessageKey } from './i18n.js';
import type { Locale } from './locale.js';

/** The kinds of problem a driver may report about a rider (the reports API's member kinds). */
const KINDS: readonly FileReportRequest['kind'][] = ['no-show', 'unsafe', 'abuse', 'other'];

export interface AfterTripEvents {
  answer(rideId: string, success: boolean): void;
  openReport(rideId: string, open: boolean): void;
  report(rideId: string, kind: FileReportRequest['kind'], text: string): void;
  dismiss(rideId: string): void;
}

/** One completed ride's card: the yes/no question about the rider, and "report a problem". */
class AfterTripCard {
  readonly element: HTMLElement;
  private readonly question: HTMLElement;
  private readonly yes = h('button', { type: 'button', 'data-testid': 'after-trip-yes' });
  private readonly no = h('button', { type: 'button', class: 'secondary', 'data-testid': 'after-trip-no' });
  private readonly answers: HTMLElement;
  private readonly thanks = h('p', { role: 'status', 'data-testid': 'after-trip-thanks' });
  private readonly openReport = h('button', {
    type: 'button',
    class: 'secondary',
    'data-testid': 'after-trip-report',
  });
  private readonly legend = h('legend');
  private readonly kinds = new Map<
    FileReportRequest['kind'],
    { input: HTMLInputElement; text: HTMLSpanElement }
  >();
  private readonly textLabel = h('span');
  private readonly text = h('textarea', { maxLength: 2000, rows: 4, 'data-testid': 'after-trip-text' });
  private readonly send = h('button', { type: 'submit', 'data-testid': 'after-trip-send' });
  private readonly close = h('button', {
    type: 'button',
    class: 'secondary',
    'data-testid': 'after-trip-close',
  });
  private readonly form: HTMLFormElement;
  private readonly reported = h('p', { role: 'status', class: 'notice', 'data-testid': 'after-trip-sent' });
  private readonly dismiss = h('button', {
    type: 'button',
    class: 'secondary',
    'data-testid': 'after-trip-dismiss',
  });
  private readonly error = h('p', { class: 'error', role: 'alert', 'data-testid': 'after-trip-error' });
  private wasReporting = false;

  constructor(
    private readonly locale: Locale,
    readonly rideId: string,
    events: AfterTripEvents,
  ) {
    const questionId = `after-trip-question-${rideId}`;
    this.question = h('p', { id: questionId, class: 'strong' });
    this.answers = h(
      'div',
      { class: 'buttons', role: 'group', 'aria-labelledby': questionId },
      this.yes,
      this.no,
    );
    const fieldset = h('fieldset', {}, this.legend);
    for (const kind of KINDS) {
      const input = h('input', {
        type: 'radio',
        name: `after-trip-kind-${rideId}`,
        value: kind,
        'data-testid': `after-trip-kind-${kind}`,
      });
      const text = h('span');
      fieldset.append(h('label', { class: 'choice' }, input, text));
      this.kinds.set(kind, { input, text });
    }
    this.kinds.get('no-show')!.input.checked = true;
    this.form = h(
      'form',
      { class: 'report-form', 'data-testid': 'after-trip-form' },
      fieldset,
      h('label', {}, this.textLabel, this.text),
      h('div', { class: 'buttons' }, this.send, this.close),
    );
    this.element = h(
      'li',
      { class: 'card', 'data-testid': 'after-trip', 'data-ride-id': rideId },
      this.question,
      this.answers,
      this.thanks,
      this.openReport,
      this.form,
      this.reported,
      this.dismiss,
      this.error,
    );
    this.yes.addEventListener('click', () => events.answer(rideId, true));
    this.no.addEventListener('click', () => events.answer(rideId, false));
    this.openReport.addEventListener('click', () => events.openReport(rideId, true));
    this.close.addEventListener('click', () => events.openReport(rideId, false));
    this.dismiss.addEventListener('click', () => events.dismiss(rideId));
    this.form.addEventListener('submit', (event) => {
      event.preventDefault();
      const kind = KINDS.find((k) => this.kinds.get(k)!.input.checked) ?? 'other';
      events.report(rideId, kind, this.text.value);
    });
  }

  render(after: AfterTripState): void {
    const t = this.locale.t;
    const answered = after.answered;
    this.question.textContent = t('afterTrip.question', { name: after.riderName || t('afterTrip.someone') });
    show(this.question, answered === null);
    show(this.answers, answered === null);
    this.yes.textContent = t('afterTrip.yes');
    this.no.textContent = t('afterTrip.no');
    this.yes.disabled = this.no.disabled = after.busy;
    this.thanks.textContent =
      answered === null ? '' : t(answered ? 'afterTrip.thanksYes' : 'afterTrip.thanksNo');
    show(this.thanks, answered !== null);
    this.openReport.textContent = t('afterTrip.report');
    show(this.openReport, !after.reporting && !after.reported);
    show(this.form, after.reporting);
    this.legend.textContent = t('afterTrip.kind');
    for (const [kind, { text }] of this.kinds) text.textContent = t(`afterTrip.kind.${kind}` as MessageKey);
    this.textLabel.textContent = t('afterTrip.text');
    this.send.textContent = t('afterTrip.send');
    this.send.disabled = after.busy;
    this.close.textContent = t('afterTrip.close');
    this.reported.textContent = after.reported ? t('afterTrip.sent') : '';
    show(this.reported, after.reported);
    // Done once answered: the card stays until then (a report alone does not answer the question).
    this.dismiss.textContent = t('afterTrip.dismiss');
    show(this.dismiss, answered !== null && !after.reporting);
    this.error.textContent = after.error;
    if (after.reporting && !this.wasReporting) this.kinds.get('no-show')!.input.focus();
    if (!after.reporting && this.wasReporting && !after.reported) this.openReport.focus();
    if (after.reported) this.text.value = '';
    this.wasReporting = after.reporting;
  }
}

/**
 * After each ride the driver completed (dropped off or handed over): "did it go well with the
 * rider?" (yes or no, once; the rider does not see it until both answered) and "report a problem"
 * (a kind and a text). Kept in the page's memory until answered and dismissed; lost on reload.
 */
export class AfterTrips {
  readonly element: HTMLElement;
  private readonly title = h('h2', {});
  private readonly list = h('ul', { class: 'after-trips' });
  private readonly cards = new Map<string, AfterTripCard>();
  private afterTrips: readonly AfterTripState[] = [];

  constructor(
    private readonly locale: Locale,
    private readonly events: AfterTripEvents,
  ) {
    this.element = h('section', { 'data-testid': 'after-trips' }, this.title, this.list);
    locale.bind(() => this.draw());
  }

  render(state: Pick<DriverState, 'afterTrips'>): void {
    if (state.afterTrips === this.afterTrips && this.cards.size > 0) return;
    this.afterTrips = state.afterTrips;
    this.draw();
  }

  private draw(): void {
    this.title.textContent = this.locale.t('afterTrip.title');
    show(this.element, this.afterTrips.length > 0);
    for (const [rideId, card] of this.cards) {
      if (this.afterTrips.some((a) => a.rideId === rideId)) continue;
      card.element.remove();
      this.cards.delete(rideId);
    }
    for (const after of this.afterTrips) {
      let card = this.cards.get(after.rideId);
      if (!card) {
        card = new AfterTripCard(this.locale, after.rideId, this.events);
        this.cards.set(after.rideId, card);
        this.list.append(card.element);
      }
      card.render(after);
    }
  }
}
