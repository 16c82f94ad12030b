import type { LoginResponse, TerritoryDetail } from '@navette/contracts';
import type { ApiClient } from '@navette/web-kit';
import { h } from '@navette/web-kit';
import { ForgotForm } from './forgot-form.js';
import type { Locale } from './locale.js';
import { NewMemberForm } from './new-member-form.js';
import type { PublicRoute } from './public-route.js';
import { ResetForm } from './reset-form.js';
import { Line, said } from './ui.js';

export interface PublicDeps {
  api: ApiClient;
  locale: Locale;
  /** Someone joined by invitation: signed in as the new member. */
  joined(session: LoginResponse): void;
  /** The stored session, if any, no longer holds (a reset ends every session). */
  forgetSession(): void;
  /** The sign-in form, for after a reset. */
  loginForm(): HTMLElement;
}

/** A notice that replaces a form once it is done. */
function doneNotice(locale: Locale, key: Parameters<Locale['t']>[0], testid: string, ...more: HTMLElement[]) {
  const notice = new Line(locale, 'notice', testid);
  notice.say(key);
  return h('div', { class: 'card' }, notice.element, ...more);
}

/**
 * What a route needing no sign-in shows (ADR 0026): joining by invitation, registering where a
 * territory allows it, a reset link's form, asking for a reset by email.
 */
export function publicView(route: PublicRoute, deps: PublicDeps): HTMLElement {
  const { api, locale } = deps;
  const view = h('div', { 'data-testid': `public-${route.kind}` });
  switch (route.kind) {
    case 'join': {
      const form = new NewMemberForm(locale, { title: 'join.title', submit: 'join.submit' }, async (member) =>
        deps.joined(await api.post<LoginResponse>('/api/auth/join', { token: route.token, ...member })),
      );
      form.say('join.intro');
      view.append(form.element);
      break;
    }
    case 'register': {
      const form = new NewMemberForm(
        locale,
        { title: 'register.title', submit: 'register.submit' },
        async (member) => {
          await api.post('/api/auth/register', { territoryId: route.territoryId, ...member });
          view.replaceChildren(doneNotice(locale, 'register.pending', 'register-pending'));
        },
      );
      api
        .get<TerritoryDetail>(`/api/territories/${route.territoryId}`)
        .then((territory) => form.say('register.intro', { territory: territory.properties.name }))
        .catch(() => form.say('register.unknown'));
      view.append(form.element);
      break;
    }
    case 'reset': {
      const form = new ResetForm(locale, async (password) => {
        await api.post('/api/auth/reset', { token: route.token, password });
        deps.forgetSession();
        view.replaceChildren(doneNotice(locale, 'reset.done', 'reset-done'), deps.loginForm());
      });
      view.append(form.element);
      break;
    }
    case 'forgot':
      view.append(
        new ForgotForm(locale, async (email) => {
          await api.post('/api/auth/reset-request', { email });
        }).element,
      );
      break;
  }
  view.append(
    said(locale, 'a', 'public.toSignIn', { href: '#', class: 'action', 'data-testid': 'to-sign-in' }),
  );
  return view;
}
