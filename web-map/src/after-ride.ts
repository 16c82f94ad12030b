import type { FileReportRequest } from '@navette/contracts';
import { h, show } from '@navette/web-kit';
import type { MessageKey } from './i18n.js';
import type { Locale } from './locale.js';
import { followedRide, type RiderState } from './rider-state.js';

/** The kinds of problem a rider may report (the reports API's member kinds). */
const KINDS: readonly FileReportRequest['kind'][] = ['no-show', 'unsafe', 'abuse', 'other'];

export interface AfterRideEvents {
  answer(success: boolean): void;
  openReport(open: boolean): void;
  report(kind: FileReportRequest['kind'], text: string): void;
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
  private readonly legend = h('legend');
  private readonly kinds = new Map<
    FileReportRequest['kind'],
    { input: HTMLInputElement; text: HTMLSpanElement }
  >();
  private readonly textLabel = h('span');
  private readonly text = h('textarea', { maxLength: 2000, rows: 4, 'data-testid': 'report-text' });
  private readonly send = h('button', { type: 'submit', 'data-testid': 'report-send' });
  private readonly close = h('button', { type: 'button', class: 'secondary', 'data-testid': 'report-close' });
  private readonly form: HTMLFormElement;
  private readonly reported = h('p', { role: 'status', class: 'notice', 'data-testid': 'report-sent' });
  private readonly error = h('p', { class: 'error', role: 'alert', 'data-testid': 'after-ride-error' });
  private state: RiderState | undefined;
  private wasReporting = false;

  constructor(
    private readonly locale: Locale,
    events: AfterRideEvents,
  ) {
    const fieldset = h('fieldset', {}, this.legend);
    for (const kind of KINDS) {
      const input = h('input', {
        type: 'radio',
        name: 'report-kind',
        value: kind,
        'data-testid': `report-kind-${kind}`,
      });
      const text = h('span');
      fieldset.append(h('label', { class: 'choice' }, input, text));
      this.kinds.set(kind, { input, text });
    }
    this.kinds.get('no-show')!.input.checked = true;
    this.form = h(
      'form',
      { class: 'report-form', 'data-testid': 'report-form' },
      fieldset,
      h('label', {}, this.textLabel, this.text),
      h('div', { class: 'buttons' }, this.send, this.close),
    );
    this.element = h(
      'section',
      { class: 'card', 'data-testid': 'after-ride' },
      this.question,
      this.answers,
      this.thanks,
      this.openReport,
      this.form,
      this.reported,
      this.error,
    );
    this.yes.addEventListener('click', () => events.answer(true));
    this.no.addEventListener('click', () => events.answer(false));
    this.openReport.addEventListener('click', () => events.openReport(true));
    this.close.addEventListener('click', () => events.openReport(false));
    this.form.addEventListener('submit', (event) => {
      event.preventDefault();
      const kind = KINDS.find((k) => this.kinds.get(k)!.input.checked) ?? 'other';
      events.report(kind, this.text.value);
    });
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
    show(this.form, after.reporting);
    this.legend.textContent = t('report.kind');
    for (const [kind, { text }] of this.kinds) text.textContent = t(`report.kind.${kind}` as MessageKey);
    this.textLabel.textContent = t('report.text');
    this.send.textContent = t('report.send');
    this.send.disabled = after.busy;
    this.close.textContent = t('report.close');
    this.reported.textContent = after.reported ? t('report.sent') : '';
    show(this.reported, after.reported);
    this.error.textContent = after.error;
    if (after.reporting && !this.wasReporting) this.kinds.get('no-show')!.input.focus();
    if (!after.reporting && this.wasReporting && !after.reported) this.openReport.focus();
    if (!after.reporting) this.text.value = after.reported ? '' : this.text.value;
    this.wasReporting = after.reporting;
  }
}
