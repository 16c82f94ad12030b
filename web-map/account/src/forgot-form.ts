import { h } from '@navette/web-kit';
import type { Locale } from './locale.js';
import { field, Line, onSubmit, said } from './ui.js';

/**
 * "I forgot my password" (`#forgot`): asks for a reset link by email. The answer is the same for
 * every address (the API's, and this page's words), so nobody learns who is a member.
 */
export class ForgotForm {
  readonly element: HTMLFormElement;

  constructor(locale: Locale, submit: (email: string) => Promise<void>) {
    const email = h('input', {
      name: 'email',
      type: 'email',
      autocomplete: 'email',
      required: true,
      'data-testid': 'forgot-email',
    });
    const error = new Line(locale, 'error', 'forgot-error');
    const done = new Line(locale, 'notice', 'forgot-done');
    this.element = h(
      'form',
      { class: 'card', 'data-testid': 'forgot-form' },
      said(locale, 'h2', 'forgot.title'),
      said(locale, 'p', 'forgot.intro'),
      field(locale, 'forgot.email', email),
      said(locale, 'button', 'forgot.submit', { type: 'submit', 'data-testid': 'forgot-submit' }),
      error.element,
      done.element,
    );
    onSubmit(this.element, error, async () => {
      done.clear();
      await submit(email.value.trim());
      done.say('forgot.sent');
    });
  }
}
