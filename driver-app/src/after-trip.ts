import { h, ReportForm, show, type ReportKind } from '@navette/web-kit';
import type { AfterTrip as AfterTripState, DriverState } from './driver-state.js';
import type { MessageKey } from './i18n.js';
import type { Locale } from './locale.js';

export interface AfterTripEvents {
  answer(rideId: string, success: boolean): void;
  openReport(rideId: string, open: boolean): void;
  report(rideId: string, kind: ReportKind, text: string): void;
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
  private readonly form: ReportForm;
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
    this.form = new ReportForm({
      testIdPrefix: 'after-trip',
      radioName: `after-trip-kind-${rideId}`,
      send: (kind, text) => events.report(rideId, kind, text),
      close: () => events.openReport(rideId, false),
    });
    this.element = h(
      'li',
      { class: 'card', 'data-testid': 'after-trip', 'data-ride-id': rideId },
      this.question,
      this.answers,
      this.thanks,
      this.openReport,
      this.form.element,
      this.reported,
      this.dismiss,
      this.error,
    );
    this.yes.addEventListener('click', () => events.answer(rideId, true));
    this.no.addEventListener('click', () => events.answer(rideId, false));
    this.openReport.addEventListener('click', () => events.openReport(rideId, true));
    this.dismiss.addEventListener('click', () => events.dismiss(rideId));
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
    show(this.form.element, after.reporting);
    this.form.render(
      {
        legend: t('afterTrip.kind'),
        kind: (kind) => t(`afterTrip.kind.${kind}` as MessageKey),
        text: t('afterTrip.text'),
        send: t('afterTrip.send'),
        close: t('afterTrip.close'),
      },
      after.busy,
    );
    this.reported.textContent = after.reported ? t('afterTrip.sent') : '';
    show(this.reported, after.reported);
    // Done once answered: the card stays until then (a report alone does not answer the question).
    this.dismiss.textContent = t('afterTrip.dismiss');
    show(this.dismiss, answered !== null && !after.reporting);
    this.error.textContent = after.error;
    if (after.reporting && !this.wasReporting) this.form.focus();
    if (!after.reporting && this.wasReporting && !after.reported) this.openReport.focus();
    if (after.reported) this.form.clear();
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
