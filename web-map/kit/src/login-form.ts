import type { ErrorBody, LoginRequest, LoginResponse } from '@navette/contracts';
import { ApiError, type ApiClient } from './api-client.js';
import { h } from './dom.js';
import type { KitMessageKey } from './i18n.js';
import type { Translator } from './locale.js';

/** The sign-in form; calls `onSignedIn` with the API's answer. */
export function loginForm(
  api: ApiClient,
  locale: Translator<KitMessageKey>,
  onSignedIn: (session: LoginResponse) => void,
): HTMLFormElement {
  const title = h('h2');
  const emailLabel = h('span');
  const passwordLabel = h('span');
  const email = h('input', {
    type: 'email',
    name: 'email',
    autocomplete: 'username',
    'data-testid': 'login-email',
  });
  const password = h('input', {
    type: 'password',
    name: 'password',
    autocomplete: 'current-password',
    'data-testid': 'login-password',
  });
  const submit = h('button', { type: 'submit', 'data-testid': 'login-submit' });
  const error = h('p', { class: 'error', role: 'alert', 'data-testid': 'login-error' });
  const form = h(
    'form',
    { class: 'card', 'data-testid': 'login-form' },
    title,
    h('label', {}, emailLabel, email),
    h('label', {}, passwordLabel, password),
    submit,
    error,
  );
  locale.bind(() => {
    title.textContent = locale.t('login.title');
    emailLabel.textContent = locale.t('login.email');
    passwordLabel.textContent = locale.t('login.password');
    submit.textContent = locale.t('login.submit');
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    submit.disabled = true;
    error.textContent = '';
    const body: LoginRequest = { email: email.value.trim(), password: password.value };
    api
      .post('/api/auth/login', body)
      .then((session) => {
        password.value = '';
        onSignedIn(session);
      })
      .catch((failure: unknown) => {
        error.textContent = errorText(failure, locale);
      })
      .finally(() => {
        submit.disabled = false;
      });
  });
  return form;
}

/** What to tell the user about a failed call: the API's message, or that the network is down. */
export function errorText(failure: unknown, locale: Translator<KitMessageKey>): string {
  if (failure instanceof ApiError) {
    if (failure.offline) return locale.t('error.network');
    return errorBodyText(failure.body, locale);
  }
  return failure instanceof Error ? failure.message : String(failure);
}

/** An API error (or an ack's) in the interface language when the page knows its code, else the server's words. */
export function errorBodyText(error: ErrorBody, locale: Translator<KitMessageKey>): string {
  return locale.explain(error.code) ?? error.message;
}
