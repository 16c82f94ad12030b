import type { DecisionView, MyPairBlockView } from '@navette/contracts';
import { h } from '@navette/web-kit';
import type { AccountDeps, Section } from './section.js';
import { field, Line, onSubmit, said, when } from './ui.js';

/**
 * Decisions in the member's favour (a report dismissed, a restoration, a role given, a pair block
 * cleared): nothing to appeal. Appealing a restoration would send the report back to the queue.
 */
const IN_FAVOUR: ReadonlySet<DecisionView['decision']> = new Set([
  'dismiss',
  'restore',
  'grant-role',
  'clear-pair',
]);

/**
 * My decisions: what coordinators decided about me, with their reason, where an appeal stands, and
 * appealing with a text; the pair blocks I am in (who, which way, why, since when).
 */
export class DecisionsSection implements Section {
  readonly id = 'decisions';
  readonly label = 'nav.decisions' as const;
  readonly element: HTMLElement;
  private readonly decisions = h('ul', { class: 'rows', 'data-testid': 'decisions' });
  private readonly blocks = h('ul', { class: 'rows', 'data-testid': 'pair-blocks' });
  private readonly error: Line;
  private readonly done: Line;
  private list: DecisionView[] = [];
  private pairs: MyPairBlockView[] = [];
  /** The decision whose appeal form is open, if any. */
  private appealing: string | null = null;

  constructor(private readonly deps: AccountDeps) {
    const { locale } = deps;
    this.error = new Line(locale, 'error', 'decisions-error');
    this.done = new Line(locale, 'notice', 'appeal-done');
    this.element = h(
      'section',
      { 'aria-labelledby': 'decisions-title' },
      said(locale, 'h2', 'decisions.title', { id: 'decisions-title' }),
      said(locale, 'p', 'decisions.intro'),
      this.error.element,
      this.done.element,
      h('div', { class: 'card' }, said(locale, 'h3', 'decisions.about'), this.decisions),
      h(
        'div',
        { class: 'card' },
        said(locale, 'h3', 'decisions.pairs'),
        said(locale, 'p', 'decisions.pairsIntro', { class: 'small' }),
        this.blocks,
      ),
    );
    locale.bind(() => this.render());
  }

  open(): void {
    this.error.clear();
    this.done.clear();
    Promise.all([
      this.deps.api.get<DecisionView[]>('/api/me/decisions'),
      this.deps.api.get<MyPairBlockView[]>('/api/me/pair-blocks'),
    ])
      .then(([decisions, blocks]) => {
        this.list = decisions;
        this.pairs = blocks;
        this.render();
      })
      .catch((failure: unknown) => this.error.fail(failure));
  }

  close(): void {
    this.appealing = null;
  }

  private render(): void {
    const { locale } = this.deps;
    this.decisions.replaceChildren(
      ...(this.list.length
        ? this.list.map((decision) => this.decisionRow(decision))
        : [h('li', { class: 'small', textContent: locale.t('decisions.none') })]),
    );
    this.blocks.replaceChildren(
      ...(this.pairs.length
        ? this.pairs.map((block) =>
            h(
              'li',
              { 'data-testid': 'pair-block' },
              h('span', {
                class: 'strong',
                textContent: locale.t(block.byMe ? 'decisions.pairByMe' : 'decisions.pairByThem', {
                  name: block.counterpartName,
                }),
              }),
              h('span', {
                class: 'block small',
                textContent: locale.t('decisions.since', { date: when(locale, block.since) }),
              }),
            ),
          )
        : [h('li', { class: 'small', textContent: locale.t('decisions.noPairs') })]),
    );
  }

  private decisionRow(decision: DecisionView): HTMLElement {
    const { locale } = this.deps;
    const row = h(
      'li',
      { 'data-testid': 'decision' },
      h('span', {
        class: 'strong',
        'data-testid': 'decision-kind',
        textContent: locale.t(`decision.${decision.decision}`),
      }),
      ' ',
      h('span', { class: 'small', textContent: when(locale, decision.at, true) }),
      h('span', {
        class: 'block',
        'data-testid': 'decision-reason',
        textContent: locale.t('decisions.reason', { reason: decision.reason }),
      }),
    );
    if (decision.appeal) {
      row.append(
        h('span', {
          class: 'block notice',
          'data-testid': 'appeal-state',
          textContent: locale.t(`appeal.${decision.appeal}`),
        }),
      );
      return row;
    }
    if (IN_FAVOUR.has(decision.decision)) return row;
    if (this.appealing !== decision.id) {
      const button = h('button', {
        type: 'button',
        class: 'secondary',
        'data-testid': 'appeal-open',
        textContent: locale.t('decisions.appeal'),
      });
      button.addEventListener('click', () => {
        this.appealing = decision.id;
        this.render();
        this.decisions.querySelector('textarea')?.focus();
      });
      row.append(button);
      return row;
    }
    const text = h('textarea', {
      name: 'text',
      rows: 4,
      maxLength: 2000,
      required: true,
      'data-testid': 'appeal-text',
    });
    const cancel = h('button', {
      type: 'button',
      class: 'secondary',
      textContent: locale.t('decisions.cancel'),
    });
    cancel.addEventListener('click', () => {
      this.appealing = null;
      this.render();
    });
    const form = h(
      'form',
      { class: 'appeal', 'data-testid': 'appeal-form' },
      field(locale, 'decisions.appealText', text, 'decisions.appealHint'),
      h(
        'div',
        { class: 'buttons' },
        h('button', {
          type: 'submit',
          'data-testid': 'appeal-submit',
          textContent: locale.t('decisions.send'),
        }),
        cancel,
      ),
    );
    onSubmit(form, this.error, async () => {
      this.list = await this.deps.api.post<DecisionView[]>(`/api/me/decisions/${decision.id}/appeal`, {
        text: text.value,
      });
      this.appealing = null;
      this.done.say('decisions.appealed');
      this.render();
    });
    row.append(form);
    return row;
  }
}
