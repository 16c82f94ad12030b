import { h } from '@navette/web-kit';
import type { MessageKey } from './i18n.js';
import type { Locale } from './locale.js';
import { field, Line, onSubmit, said } from './ui.js';

/** What a newcomer says about themselves, joining by invitation or registering. */
export interface NewMember {
  displayName: string;
  email: string;
  password: string;
}

/**
 * A newcomer names themselves, gives their email and chooses a password (the API checks its
 * strength and says which field is wrong). Used by an invitation (`#join/…`) and by open
 * registration (`#register/…`); `submit` does the call, this form shows what went wrong.
 */
export class NewMemberForm {
  readonly element: HTMLFormElement;
  private readonly intro = h('p', { 'data-testid': 'newcomer-intro' });

  constructor(
    private readonly locale: Locale,
    words: { title: MessageKey; submit: MessageKey },
    submit: (member: NewMember) => Promise<void>,
  ) {
    const name = h('input', {
      name: 'displayName',
      autocomplete: 'name',
      required: true,
      'data-testid': 'newcomer-name',
    });
    const email = h('input', {
      name: 'email',
      type: 'email',
      autocomplete: 'email',
      required: true,
      'data-testid': 'newcomer-email',
    });
    const password = h('input', {
      name: 'password',
      type: 'password',
      autocomplete: 'new-password',
      required: true,
      'data-testid': 'newcomer-password',
    });
    const error = new Line(locale, 'error', 'newcomer-error');
    this.element = h(
      'form',
      { class: 'card', 'data-testid': 'newcomer-form' },
      said(locale, 'h2', words.title),
      this.intro,
      field(locale, 'newcomer.name', name),
      field(locale, 'newcomer.email', email),
      field(locale, 'newcomer.password', password, 'password.hint'),
      said(locale, 'button', words.submit, { type: 'submit', 'data-testid': 'newcomer-submit' }),
      error.element,
    );
    onSubmit(
      this.element,
      error,
      () => submit({ displayName: name.value.trim(), email: email.value.trim(), password: password.value }),
      { token: 'link.unusable', password: 'password.weak', email: 'newcomer.emailRefused' },
    );
  }

  /** The sentence above the fields (which territory, what happens next). */
  say(key: MessageKey, params: Record<string, string> = {}): void {
    this.locale.bind(() => (this.intro.textContent = this.locale.t(key, params)));
  }
}
