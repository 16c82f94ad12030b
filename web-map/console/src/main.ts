import type { LoginResponse, TerritoryCollection } from '@navette/contracts';
import { AccountBar, ApiClient, connectRealtime, errorText, h, loginForm } from '@navette/web-kit';
import '@navette/web-kit/base.css';
import { ConsoleShell } from './console-shell.js';
import { Locale } from './locale.js';
import { SECTIONS } from './sections.js';
import { clearSession, loadSession, saveSession } from './session.js';
import './console.css';

/**
 * The coordinators' console (`/coordinate/`): sign in, then the territories this member coordinates
 * and one section per task (live map, reviews, fairness, territories, members, exports). Wiring only:
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

if (session) void startConsole(session);
else {
  const form = loginForm(api, locale, (signedIn) => {
    saveSession(signedIn);
    session = signedIn;
    form.remove();
    account.render({ displayName: signedIn.member.displayName });
    void startConsole(signedIn);
  });
  app.append(form);
}

/** The territories a coordinator acts on: theirs and every one below them; all for an admin. */
function inScope(collection: TerritoryCollection, current: LoginResponse) {
  const all = collection.features.map((feature) => feature.properties);
  if (current.member.role === 'admin') return all;
  const scope = new Set(current.member.coordinatedTerritoryIds);
  let grew = true;
  while (grew) {
    grew = false;
    for (const territory of all)
      if (territory.parentId && scope.has(territory.parentId) && !scope.has(territory.id)) {
        scope.add(territory.id);
        grew = true;
      }
  }
  return all.filter((territory) => scope.has(territory.id));
}

async function startConsole(current: LoginResponse): Promise<void> {
  const { member } = current;
  if (member.role !== 'coordinator' && member.role !== 'admin') {
    const notice = h('p', { class: 'notice', 'data-testid': 'not-coordinator' });
    locale.bind(() => (notice.textContent = locale.t('login.notCoordinator')));
    app.append(notice);
    return;
  }
  const problem = h('p', { class: 'error', role: 'alert', hidden: true });
  app.append(problem);
  try {
    const territories = inScope(await api.get('/api/territories'), current);
    const socket = connectRealtime(current.token);
    socket.on('session:ended', signOut);
    const deps = { api, locale, member, socket, territories };
    const shell = new ConsoleShell(
      locale,
      territories,
      SECTIONS.map((create) => create(deps)),
    );
    app.append(shell.element);
    document.body.dataset.state = 'ready';
  } catch (failure) {
    problem.textContent = errorText(failure, locale);
    problem.hidden = false;
  }
}
