import { h } from '@navette/web-kit';
import type { Locale } from './locale.js';
import { field, Line, onSubmit, said } from './ui.js';

/** A reset link's form (`#reset/…`): a new password, once; `submit` does the call. */
export class ResetForm {
  readonly element: HTMLFormElement;

  constructor(locale: Locale, submit: (password: string) => Promise<void>) {
    const password = h('input', {
      name: 'password',
      type: 'password',
      autocomplete: 'new-password',
      required: true,
      'data-testid': 'reset-password',
    });
    const error = new Line(locale, 'error', 'reset-error');
    this.element = h(
      'form',
      { class: 'card', 'data-testid': 'reset-form' },
      said(locale, 'h2', 'reset.title'),
      field(locale, 'reset.password', password, 'password.hint'),
      said(locale, 'button', 'reset.submit', { type: 'submit', 'data-testid': 'reset-submit' }),
      error.element,
    );
    onSubmit(this.element, error, () => submit(password.value), {
      token: 'link.unusable',
      password: 'password.weak',
    });
  }
}
