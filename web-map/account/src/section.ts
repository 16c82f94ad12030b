import type { LoginResponse, MemberView } from '@navette/contracts';
import type { ApiClient } from '@navette/web-kit';
import type { MessageKey } from './i18n.js';
import type { Locale } from './locale.js';

/** What every section of the account page is given. */
export interface AccountDeps {
  api: ApiClient;
  locale: Locale;
  member: MemberView;
  /** The session goes on under a new token (after a password change: the old one is refused). */
  renewSession(session: LoginResponse): void;
  /** The member left the community: the page forgets them and says goodbye. */
  left(): void;
}

/**
 * One part of "my account" (trust, limits, decisions, time bank, password…): a plain DOM component
 * (infra/adr/0017) shown when its link is chosen; `open` fetches what it shows, `close` stops timers.
 */
export interface Section {
  /** The URL fragment (`#trust`) and the test id (`section-trust`). */
  readonly id: string;
  readonly label: MessageKey;
  readonly element: HTMLElement;
  open(): void;
  close(): void;
}

export type SectionFactory = (deps: AccountDeps) => Section;
