import { h } from '@navette/web-kit';
import type { MessageKey } from './i18n.js';
import type { Locale } from './locale.js';

let forms = 0;

/**
 * A decision that needs a written reason (an override, a review decision, clearing a pair block,
 * answering an appeal): a labelled text box, a submit button and a message line. Refuses an empty
 * reason itself; `onSubmit` gets the trimmed reason and returns the text to show (or throws).
 */
export class ReasonForm {
  readonly element: HTMLFormElement;
  private readonly reason = h('textarea', { rows: 2, required: true, maxLength: 2000 });
  private readonly label = h('label');
  private readonly submit = h('button', { type: 'submit' });
  private readonly message = h('p', { class: 'form-message', role: 'status' });
  private readonly before = h('div', { class: 'reason-extra' });

  constructor(
    private readonly locale: Locale,
    private readonly words: { label: MessageKey; submit: MessageKey },
    testId: string,
    private readonly onSubmit: (reason: string) => Promise<string>,
  ) {
    const id = `reason-${++forms}`;
    this.reason.id = id;
    this.label.setAttribute('for', id);
    this.reason.dataset.testid = `${testId}-reason`;
    this.submit.dataset.testid = `${testId}-submit`;
    this.message.dataset.testid = `${testId}-message`;
    this.element = h(
      'form',
      { class: 'reason-form', 'data-testid': testId, noValidate: true },
      this.before,
      this.label,
      this.reason,
      this.submit,
      this.message,
    );
    this.element.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.send();
    });
    locale.bind(() => {
      this.label.textContent = locale.t(words.label);
      this.submit.textContent = locale.t(words.submit);
    });
  }

  /** Controls shown above the reason (a driver to choose, a decision to take). */
  prepend(...nodes: Node[]): void {
    this.before.append(...nodes);
  }

  /** Shows a message under the form (`problem`: an error, announced). */
  say(text: string, problem = false): void {
    this.message.textContent = text;
    this.message.classList.toggle('error', problem);
    this.message.setAttribute('role', problem ? 'alert' : 'status');
  }

  private async send(): Promise<void> {
    const reason = this.reason.value.trim();
    if (!reason) {
      this.reason.setAttribute('aria-invalid', 'true');
      this.say(this.locale.t('reason.required'), true);
      this.reason.focus();
      return;
    }
    this.reason.removeAttribute('aria-invalid');
    this.submit.disabled = true;
    try {
      const done = await this.onSubmit(reason);
      this.reason.value = '';
      this.say(done);
    } catch (failure) {
      this.say(failure instanceof Error ? failure.message : String(failure), true);
    } finally {
      this.submit.disabled = false;
    }
  }
}
