import { h, show } from './dom.js';
import type { KitMessageKey } from './i18n.js';
import type { Translator } from './locale.js';

/** Who is signed in, if anyone: drawn by the account bar. */
export interface AccountBarInput {
  displayName: string | null;
}

/**
 * The page's header: its title, the language toggle, who is signed in and "Sign out". Emits
 * `signOut`; the toggle changes the page's locale, which every component is bound to.
 */
export class AccountBar {
  readonly element: HTMLElement;
  private readonly heading = h('h1');
  private readonly langToggle = h('button', {
    type: 'button',
    class: 'secondary small',
    'data-testid': 'lang-toggle',
  });
  private readonly whoami = h('p', { class: 'small whoami', 'data-testid': 'whoami', hidden: true });
  private readonly logout = h('button', {
    type: 'button',
    class: 'secondary small',
    'data-testid': 'logout',
    hidden: true,
  });
  private input: AccountBarInput = { displayName: null };

  constructor(
    private readonly locale: Translator<KitMessageKey> & { toggle(): void },
    signOut: () => void,
  ) {
    this.langToggle.addEventListener('click', () => locale.toggle());
    this.logout.addEventListener('click', signOut);
    this.element = h(
      'div',
      { class: 'account' },
      h('header', {}, this.heading, this.langToggle),
      this.whoami,
      this.logout,
    );
    locale.bind(() => this.render(this.input));
  }

  render(input: AccountBarInput): void {
    this.input = input;
    const t = this.locale.t;
    this.heading.textContent = t('app.title');
    this.langToggle.textContent = t('lang.toggle');
    this.logout.textContent = t('login.logout');
    const { displayName } = input;
    this.whoami.textContent = displayName ? t('login.signedInAs', { name: displayName }) : '';
    show(this.whoami, displayName !== null);
    show(this.logout, displayName !== null);
  }
}
