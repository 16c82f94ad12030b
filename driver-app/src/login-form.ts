import type { LoginRequest, LoginResponse } from '@navette/contracts';
import { ApiError, type ApiClient } from './api-client.js';
import { h } from './dom.js';
import { errorMessageKey } from './i18n.js';
import type { Locale } from './locale.js';

/** The sign-in form; calls `onSignedIn` with the API's answer. */
export function loginForm(api: ApiClient, locale: Locale, onSignedIn: (session: LoginResponse) => void) {
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
      .post<LoginResponse>('/api/auth/login', body)
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
export function errorText(failure: unknown, locale: Locale): string {
  if (failure instanceof ApiError) {
    if (failure.offline) return locale.t('error.network');
    const key = errorMessageKey(failure.body.code);
    return key ? locale.t(key) : failure.body.message;
  }
  return failure instanceof Error ? failure.message : String(failure);
}
