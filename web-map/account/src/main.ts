import type { LoginResponse } from '@navette/contracts';
import { AccountBar, ApiClient, h, loginForm } from '@navette/web-kit';
import '@navette/web-kit/base.css';
import { AccountShell } from './account-shell.js';
import { Locale } from './locale.js';
import { carriesSecret, publicRoute } from './public-route.js';
import { publicView } from './public-view.js';
import { SECTIONS } from './sections.js';
import { clearSession, loadSession, saveSession } from './session.js';
import { Line, said, SESSION_ENDED } from './ui.js';
import './account.css';

/**
 * "My account" (`/account/`), for every member: sign in, then one section per concern; and the
 * routes that need no sign-in (joining, registering, resetting a password: src/public-route.ts).
 * Wiring only: each section is its own component (src/sections.ts).
 */
const locale = Locale.fromBrowser();
let session = loadSession();
const api = new ApiClient(() => session?.token ?? null);
const app = document.getElementById('app')!;
const content = h('div');
let shell: AccountShell | undefined;
let welcome = false;

const signOut = () => {
  clearSession();
  location.reload();
};
const account = new AccountBar(locale, signOut);
const otherPages = h(
  'nav',
  { class: 'other-pages', 'data-testid': 'other-pages' },
  h(
    'ul',
    {},
    h('li', {}, said(locale, 'a', 'links.map', { href: '/' })),
    h('li', {}, said(locale, 'a', 'links.driver', { href: '/driver/' })),
  ),
);
locale.bind(() => otherPages.setAttribute('aria-label', locale.t('links.label')));
app.append(account.element, content, otherPages);

const signedIn = (current: LoginResponse) => {
  saveSession(current);
  session = current;
  account.render({ displayName: current.member.displayName });
};

function signInView(): HTMLElement {
  const form = loginForm(api, locale, (current) => {
    signedIn(current);
    if (publicRoute(location.hash)) location.hash = '';
    render();
  });
  return h(
    'div',
    {},
    form,
    h(
      'p',
      { class: 'card small' },
      said(locale, 'a', 'public.forgot', { href: '#forgot', class: 'action', 'data-testid': 'to-forgot' }),
      said(locale, 'span', 'public.byInvitation'),
    ),
  );
}

function startShell(current: LoginResponse): AccountShell {
  return new AccountShell(
    locale,
    SECTIONS.map((create) =>
      create({
        api,
        locale,
        member: current.member,
        renewSession: signedIn,
        left: () => {
          clearSession();
          session = null;
          shell = undefined;
          account.render({ displayName: null });
          const goodbye = new Line(locale, 'notice', 'left');
          goodbye.say('left.done');
          content.replaceChildren(h('div', { class: 'card' }, goodbye.element));
        },
      }),
    ),
  );
}

/** What the fragment asks for: a public route, else my account (or the sign-in form). */
function render(): void {
  const route = publicRoute(location.hash);
  // A link's token is read once, then dropped from the address bar and the tab's history entry.
  if (carriesSecret(route)) history.replaceState(null, '', `${location.pathname}#${route?.kind}`);
  if (route) {
    content.replaceChildren(
      publicView(route, {
        api,
        locale,
        joined: (current) => {
          signedIn(current);
          welcome = true;
          location.hash = 'drive';
        },
        forgetSession: () => {
          clearSession();
          session = null;
          account.render({ displayName: null });
        },
        loginForm: signInView,
      }),
    );
  } else if (session) {
    shell ??= startShell(session);
    // Moving between sections: the shell is already there (re-attaching it would lose the focus).
    if (!welcome && content.firstElementChild === shell.element) return;
    const greeting = welcome
      ? [said(locale, 'p', 'join.welcome', { class: 'notice', 'data-testid': 'welcome' })]
      : [];
    welcome = false;
    content.replaceChildren(...greeting, shell.element);
  } else content.replaceChildren(signInView());
  document.body.dataset.state = 'ready';
}

// Signed out elsewhere (a password change, leaving): this page forgets the session and says why.
document.addEventListener(SESSION_ENDED, () => {
  if (!session) return;
  clearSession();
  session = null;
  shell = undefined;
  account.render({ displayName: null });
  const ended = new Line(locale, 'notice', 'session-ended');
  ended.say('session.ended');
  content.replaceChildren(ended.element, signInView());
});

account.render({ displayName: session?.member.displayName ?? null });
addEventListener('hashchange', render);
render();
