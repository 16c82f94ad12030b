import type { TaskHandoverView } from '@navette/contracts';
import { h, show } from '@navette/web-kit';
import type { Locale } from './locale.js';

/** What the card shows: the task just asked for, and what to pass on to its recipient. */
export interface TaskHandoverInput {
  recipientName: string;
  handover: TaskHandoverView;
}

/**
 * After "Send something": the code the recipient gives the driver and the tracking link, to pass
 * on (or the note that both were mailed). Renders from its input; fetches nothing.
 */
export class TaskHandoverCard {
  readonly element: HTMLElement;
  private readonly title = h('h2');
  private readonly code = h('p', { class: 'task-code', 'data-testid': 'task-code' });
  private readonly hint = h('p', { class: 'small' });
  private readonly link = h('a', { 'data-testid': 'task-link', target: '_blank', rel: 'noopener' });
  private readonly mailed = h('p', { class: 'small', 'data-testid': 'task-mailed' });
  private input: TaskHandoverInput | null = null;

  constructor(private readonly locale: Locale) {
    this.element = h(
      'section',
      { class: 'card task-handover', 'data-testid': 'task-handover', hidden: true },
      this.title,
      this.code,
      this.hint,
      h('p', {}, this.link),
      this.mailed,
    );
    locale.bind(() => this.paint());
  }

  render(input: TaskHandoverInput | null): void {
    this.input = input;
    this.paint();
  }

  private paint(): void {
    const input = this.input;
    show(this.element, input !== null && input.handover.code !== null);
    if (!input) return;
    const { t } = this.locale;
    this.title.textContent = t('task.handoverTitle', { name: input.recipientName });
    this.code.textContent = t('task.code', { code: input.handover.code ?? '' });
    this.hint.textContent = t('task.codeHint');
    this.link.textContent = t('task.link');
    this.link.href = input.handover.trackingUrl ?? '';
    show(this.link, input.handover.trackingUrl !== null);
    this.mailed.textContent = t(input.handover.mailedToRecipient ? 'task.mailed' : 'task.notMailed');
  }
}
