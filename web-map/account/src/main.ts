import type { LoginResponse } from '@navette/contracts';
import { AccountBar, ApiClient, loginForm } from '@navette/web-kit';
import '@navette/web-kit/base.css';
import { AccountShell } from './account-shell.js';
import { Locale } from './locale.js';
import { SECTIONS } from './sections.js';
import { clearSession, loadSession, saveSession } from './session.js';
import './account.css';

/**
 * "My account" (`/account/`), for every member: sign in, then one section per concern. Wiring only:
 * each section is its own component (src/sections.ts).
 */
const locale = Locale.fromBrowser();
let session = loadSession();
const api = new ApiClient(() => session?.token ?? null);
const app = document.getElementById('app')!;

const signOut = () => {
  clearSession();
  location.reload();
};
const account = new AccountBar(locale, signOut);
app.append(account.element);
account.render({ displayName: session?.member.displayName ?? null });

if (session) start(session);
else {
  const form = loginForm(api, locale, (signedIn) => {
    saveSession(signedIn);
    session = signedIn;
    form.remove();
    account.render({ displayName: signedIn.member.displayName });
    start(signedIn);
  });
  app.append(form);
}

function start(current: LoginResponse): void {
  const deps = { api, locale, member: current.member };
  app.append(
    new AccountShell(
      locale,
      SECTIONS.map((create) => create(deps)),
    ).element,
  );
  document.body.dataset.state = 'ready';
}
