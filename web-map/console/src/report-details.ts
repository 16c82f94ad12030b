import type { Decision, MemberHistory, PairState, ReportEvidence } from '@navette/contracts';
import { h, show } from '@navette/web-kit';
import type { Locale } from './locale.js';
import { ReasonForm } from './reason-form.js';
import { reportTitle } from './review-words.js';

export const DECISIONS: readonly Decision[] = ['dismiss', 'warn', 'restrict', 'suspend', 'restore'];

/** What the coordinator does from a report; each resolves to the words to show, or throws. */
export interface ReportActions {
  decide(
    decision: Decision,
    reason: string,
    restrictions?: { noPooling?: boolean; maxTrustDistance?: number },
  ): Promise<string>;
  resolve(outcome: 'upheld' | 'overturned', reason: string): Promise<string>;
  close(): void;
}

/**
 * One report with its evidence: what triggered it (an automatic rule, or the words of the member
 * who filed it), the history of the people involved, the tit-for-two-tats state of each pair
 * around the subject; the decision with its mandatory reason; the appeal and its answer.
 */
export class ReportDetails {
  readonly element: HTMLElement;
  private readonly heading = h('h3', { id: 'report-heading', tabIndex: -1 });
  private readonly closeButton = h('button', {
    type: 'button',
    class: 'secondary',
    'data-testid': 'report-close',
  });
  private readonly notice = h('p', { class: 'notice', role: 'status', 'data-testid': 'report-notice' });
  private readonly body = h('div');
  private readonly decideHeading = h('h4');
  private readonly decisionLegend = h('legend');
  private readonly decisionRadios = new Map<Decision, { input: HTMLInputElement; label: HTMLLabelElement }>();
  private readonly restrictBox = h('div', { class: 'restrict-options' });
  private readonly noPooling = h('input', {
    type: 'checkbox',
    id: 'restrict-no-pooling',
    'data-testid': 'restrict-no-pooling',
  });
  private readonly noPoolingLabel = h('label', { for: 'restrict-no-pooling' });
  private readonly trust = h('select', { id: 'restrict-trust', 'data-testid': 'restrict-trust' });
  private readonly trustLabel = h('label', { for: 'restrict-trust' });
  private readonly decideForm: ReasonForm;
  private readonly decideBox: HTMLElement;
  private readonly resolveHeading = h('h4');
  private readonly resolveLegend = h('legend');
  private readonly resolveRadios = new Map<
    'upheld' | 'overturned',
    { input: HTMLInputElement; label: HTMLLabelElement }
  >();
  private readonly resolveForm: ReasonForm;
  private readonly resolveBox: HTMLElement;
  private shownFor: string | null = null;

  constructor(
    private readonly locale: Locale,
    actions: ReportActions,
  ) {
    const noted = (done: Promise<string>) =>
      done.then((text) => {
        this.notice.textContent = text;
        return '';
      });
    const decisions = h(
      'fieldset',
      { class: 'choices', 'data-testid': 'decision-choices' },
      this.decisionLegend,
    );
    for (const decision of DECISIONS) {
      const input = h('input', {
        type: 'radio',
        name: 'decision',
        value: decision,
        id: `decision-${decision}`,
        'data-testid': `decision-${decision}`,
      });
      const label = h('label', { for: `decision-${decision}` });
      input.addEventListener('change', () => show(this.restrictBox, this.chosenDecision() === 'restrict'));
      this.decisionRadios.set(decision, { input, label });
      decisions.append(h('div', { class: 'choice' }, input, label));
    }
    this.restrictBox.append(
      h('div', { class: 'choice' }, this.noPooling, this.noPoolingLabel),
      this.trustLabel,
      this.trust,
    );
    this.restrictBox.hidden = true;
    this.decideForm = new ReasonForm(
      locale,
      { label: 'reviews.reason', submit: 'reviews.submit' },
      'decide',
      (reason) => {
        const decision = this.chosenDecision();
        if (!decision) return Promise.reject(new Error(locale.t('reviews.chooseDecision')));
        const restrictions =
          decision === 'restrict'
            ? {
                ...(this.noPooling.checked ? { noPooling: true } : {}),
                ...(this.trust.value ? { maxTrustDistance: Number(this.trust.value) } : {}),
              }
            : undefined;
        return noted(actions.decide(decision, reason, restrictions));
      },
    );
    this.decideForm.prepend(decisions, this.restrictBox);
    this.decideBox = h(
      'section',
      { class: 'override', 'data-testid': 'decide-box' },
      this.decideHeading,
      this.decideForm.element,
    );

    const outcomes = h('fieldset', { class: 'choices' }, this.resolveLegend);
    for (const outcome of ['upheld', 'overturned'] as const) {
      const input = h('input', {
        type: 'radio',
        name: 'appeal-outcome',
        value: outcome,
        id: `resolve-${outcome}`,
        'data-testid': `resolve-${outcome}`,
      });
      const label = h('label', { for: `resolve-${outcome}` });
      this.resolveRadios.set(outcome, { input, label });
      outcomes.append(h('div', { class: 'choice' }, input, label));
    }
    this.resolveForm = new ReasonForm(
      locale,
      { label: 'reviews.resolveReason', submit: 'reviews.resolveSubmit' },
      'resolve',
      (reason) => {
        const outcome = [...this.resolveRadios].find(([, r]) => r.input.checked)?.[0];
        if (!outcome) return Promise.reject(new Error(locale.t('reviews.chooseDecision')));
        return noted(actions.resolve(outcome, reason));
      },
    );
    this.resolveForm.prepend(outcomes);
    this.resolveBox = h(
      'section',
      { class: 'override', 'data-testid': 'resolve-box' },
      this.resolveHeading,
      this.resolveForm.element,
    );
    this.closeButton.addEventListener('click', () => actions.close());
    this.element = h(
      'section',
      {
        class: 'card report-details',
        'data-testid': 'report-details',
        'aria-labelledby': 'report-heading',
        hidden: true,
      },
      h('div', { class: 'details-top' }, this.heading, this.closeButton),
      this.notice,
      this.body,
      this.decideBox,
      this.resolveBox,
    );
  }

  focus(): void {
    this.heading.focus();
    this.element.scrollIntoView({ block: 'nearest' });
  }

  private chosenDecision(): Decision | undefined {
    return [...this.decisionRadios].find(([, r]) => r.input.checked)?.[0];
  }

  render(report: ReportEvidence | null): void {
    show(this.element, report !== null);
    if (!report) {
      this.shownFor = null;
      return;
    }
    const t = this.locale.t;
    if (report.id !== this.shownFor) {
      this.shownFor = report.id;
      this.notice.textContent = '';
      this.decideForm.say('');
      this.resolveForm.say('');
      for (const { input } of [...this.decisionRadios.values(), ...this.resolveRadios.values()])
        input.checked = false;
      this.restrictBox.hidden = true;
    }
    this.heading.textContent = reportTitle(report, this.locale);
    this.closeButton.textContent = t('reviews.details.close');
    this.decideHeading.textContent = t('reviews.decide');
    this.decisionLegend.textContent = t('reviews.decision');
    for (const [decision, { label }] of this.decisionRadios)
      label.textContent = t(`reviews.decision.${decision}`);
    this.noPoolingLabel.textContent = t('reviews.restrict.noPooling');
    this.trustLabel.textContent = t('reviews.restrict.trust');
    const trustValue = this.trust.value;
    this.trust.replaceChildren(
      h('option', { value: '' }, t('reviews.restrict.trustAny')),
      ...[1, 2, 3].map((n) => h('option', { value: String(n) }, String(n))),
    );
    this.trust.value = trustValue;
    this.resolveHeading.textContent = t('reviews.resolve');
    this.resolveLegend.textContent = t('reviews.resolve');
    for (const [outcome, { label }] of this.resolveRadios)
      label.textContent = t(`reviews.resolve.${outcome}`);
    show(this.decideBox, report.status === 'open');
    show(this.resolveBox, report.appeal?.status === 'open');

    const date = (iso: string) =>
      new Date(iso).toLocaleString(this.locale.formatLocale, { dateStyle: 'medium', timeStyle: 'short' });
    const origin = report.reporter
      ? h(
          'p',
          { 'data-testid': 'report-origin' },
          t('reviews.written', { name: report.reporter.name, text: report.text }),
        )
      : // The rule in the page's words; the counts are in the evidence below (the stored text is English).
        h('p', { 'data-testid': 'report-origin' }, this.triggerWords(report));
    const nodes: Node[] = [origin];
    if (report.appeal) {
      nodes.push(
        h('h4', {}, t('reviews.appeal')),
        h(
          'p',
          { 'data-testid': 'appeal-text' },
          t('reviews.appealText', {
            name: report.subject.name,
            date: date(report.appeal.at),
            text: report.appeal.text,
          }),
        ),
        h(
          'p',
          { 'data-testid': 'appeal-status' },
          t('reviews.appealStatus', { status: t(`reviews.appeal.${report.appeal.status}`) }),
        ),
      );
    }
    nodes.push(h('h4', {}, t('reviews.people')));
    for (const person of report.people) nodes.push(this.history(person, date));
    nodes.push(this.pairs(report.subject.name, report.pairs, date));
    this.body.replaceChildren(...nodes);
  }

  private triggerWords(report: ReportEvidence): string {
    const t = this.locale.t;
    switch (report.kind) {
      case 'repeated-failures':
      case 'no-show':
      case 'late-cancellations':
      case 'overuse':
        return t(`reviews.trigger.${report.kind}`);
      default:
        return t('reviews.trigger.other');
    }
  }

  private history(person: MemberHistory, date: (iso: string) => string): HTMLElement {
    const t = this.locale.t;
    const standing = ['active', 'warned', 'restricted', 'suspended'].includes(person.standing)
      ? t(`reviews.standing.${person.standing as 'active'}`)
      : person.standing;
    const fact = (term: string, value: string | Node) => [h('dt', {}, term), h('dd', {}, value)];
    const decisions = h('ul', { class: 'plain' });
    for (const d of person.decisions)
      decisions.append(
        h(
          'li',
          {},
          t('reviews.history.decision', {
            decision: t(`reviews.did.${d.decision}`),
            date: date(d.at),
            reason: d.reason,
          }),
        ),
      );
    return h(
      'div',
      { class: 'person', 'data-testid': 'person-history', 'data-id': person.memberId },
      h('h5', {}, t('reviews.person', { name: person.name, standing })),
      h(
        'dl',
        { class: 'facts' },
        ...fact(
          t('reviews.history.rides'),
          t('reviews.history.ridesValue', {
            requested: person.ridesRequested,
            completed: person.ridesCompleted,
          }),
        ),
        ...fact(t('reviews.history.cancellations'), String(person.cancellationsAfterAssignment)),
        ...fact(t('reviews.history.trips'), String(person.tripsDriven)),
        ...fact(
          t('reviews.history.outcomes'),
          t('reviews.history.outcomesValue', {
            successes: person.outcomesReceived.successes,
            failures: person.outcomesReceived.failures,
          }),
        ),
        ...fact(t('reviews.history.reports'), String(person.reports.length)),
        ...fact(
          t('reviews.history.decisions'),
          person.decisions.length ? decisions : t('reviews.history.none'),
        ),
      ),
    );
  }

  private pairs(subject: string, pairs: readonly PairState[], date: (iso: string) => string): HTMLElement {
    const t = this.locale.t;
    const answers = (list: readonly boolean[]) =>
      list.length
        ? list.map((ok) => t(ok ? 'reviews.answer.good' : 'reviews.answer.bad')).join(', ')
        : t('reviews.answer.none');
    const box = h(
      'div',
      { class: 'pairs' },
      h('h4', {}, t('reviews.pairs')),
      h('p', { class: 'muted' }, t('reviews.pairs.intro')),
    );
    if (pairs.length === 0) {
      box.append(h('p', {}, t('reviews.pairs.none')));
      return box;
    }
    const table = h(
      'table',
      { 'data-testid': 'pairs-table' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', { scope: 'col' }, t('reviews.pairs.with')),
          h('th', { scope: 'col' }, t('reviews.pairs.about', { subject })),
          h('th', { scope: 'col' }, t('reviews.pairs.by', { subject })),
          h('th', { scope: 'col' }, t('reviews.pairs.state')),
        ),
      ),
      h(
        'tbody',
        {},
        ...pairs.map((pair) =>
          h(
            'tr',
            { 'data-testid': 'pair-row' },
            h('th', { scope: 'row' }, pair.counterpart.name),
            h('td', {}, answers(pair.aboutSubject)),
            h('td', {}, answers(pair.bySubject)),
            h(
              'td',
              {},
              pair.block
                ? t('reviews.pairs.blocked', { date: date(pair.block.since) })
                : t('reviews.pairs.open'),
            ),
          ),
        ),
      ),
    );
    box.append(
      h(
        'div',
        { class: 'table-scroll', tabIndex: 0, role: 'region', 'aria-label': t('reviews.pairs') },
        table,
      ),
    );
    return box;
  }
}
