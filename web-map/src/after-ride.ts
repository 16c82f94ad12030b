import { h, ReportForm, show, type ReportKind } from '@navette/web-kit';
import type { MessageKey } from './i18n.js';
import type { Locale } from './locale.js';
import { followedRide, type RiderState } from './rider-state.js';

export interface AfterRideEvents {
  answer(success: boolean): void;
  openReport(open: boolean): void;
  report(kind: ReportKind, text: string): void;
}

/**
 * After a completed ride: the one question ("did it go well?", yes or no, asked once; the answer
 * stays hidden from the driver until both answered) and "report a problem" (a kind and a text).
 */
export class AfterRide {
  readonly element: HTMLElement;
  private readonly question = h('p', { id: 'outcome-question', class: 'strong' });
  private readonly yes = h('button', { type: 'button', 'data-testid': 'outcome-yes' });
  private readonly no = h('button', { type: 'button', class: 'secondary', 'data-testid': 'outcome-no' });
  private readonly answers = h(
    'div',
    { class: 'buttons', role: 'group', 'aria-labelledby': 'outcome-question' },
    this.yes,
    this.no,
  );
  private readonly thanks = h('p', { role: 'status', 'data-testid': 'outcome-thanks' });
  private readonly openReport = h('button', {
    type: 'button',
    class: 'secondary',
    'data-testid': 'report-open',
  });
  private readonly form: ReportForm;
  private readonly reported = h('p', { role: 'status', class: 'notice', 'data-testid': 'report-sent' });
  private readonly error = h('p', { class: 'error', role: 'alert', 'data-testid': 'after-ride-error' });
  private state: RiderState | undefined;
  private wasReporting = false;

  constructor(
    private readonly locale: Locale,
    events: AfterRideEvents,
  ) {
    this.form = new ReportForm({
      testIdPrefix: 'report',
      radioName: 'report-kind',
      send: (kind, text) => events.report(kind, text),
      close: () => events.openReport(false),
    });
    this.element = h(
      'section',
      { class: 'card', 'data-testid': 'after-ride' },
      this.question,
      this.answers,
      this.thanks,
      this.openReport,
      this.form.element,
      this.reported,
      this.error,
    );
    this.yes.addEventListener('click', () => events.answer(true));
    this.no.addEventListener('click', () => events.answer(false));
    this.openReport.addEventListener('click', () => events.openReport(true));
    locale.bind(() => this.state && this.render(this.state));
  }

  render(state: RiderState): void {
    this.state = state;
    const t = this.locale.t;
    const ride = followedRide(state);
    const after = state.afterRide;
    const shown = ride?.status === 'completed' && ride.driverId !== null && !state.offline;
    show(this.element, shown);
    if (!shown) return;
    const answered = after.outcomes?.mine ?? null;
    this.question.textContent = t('outcome.question', { name: ride.driverName ?? '' });
    show(this.question, answered === null);
    show(this.answers, answered === null && after.outcomes !== null);
    this.yes.textContent = t('outcome.yes');
    this.no.textContent = t('outcome.no');
    this.yes.disabled = this.no.disabled = after.busy;
    this.thanks.textContent = answered ? t(answered.success ? 'outcome.thanksYes' : 'outcome.thanksNo') : '';
    show(this.thanks, answered !== null);
    this.openReport.textContent = t('report.open');
    show(this.openReport, !after.reporting && !after.reported);
    show(this.form.element, after.reporting);
    this.form.render(
      {
        legend: t('report.kind'),
        kind: (kind) => t(`report.kind.${kind}` as MessageKey),
        text: t('report.text'),
        send: t('report.send'),
        close: t('report.close'),
      },
      after.busy,
    );
    this.reported.textContent = after.reported ? t('report.sent') : '';
    show(this.reported, after.reported);
    this.error.textContent = after.error;
    if (after.reporting && !this.wasReporting) this.form.focus();
    if (!after.reporting && this.wasReporting && !after.reported) this.openReport.focus();
    if (!after.reporting && after.reported) this.form.clear();
    this.wasReporting = after.reporting;
  }
}
