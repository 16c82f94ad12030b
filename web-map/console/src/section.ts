import type { MemberView, TerritoryProperties } from '@navette/contracts';
import type { ApiClient, NavetteSocket } from '@navette/web-kit';
import type { MessageKey } from './i18n.js';
import type { Locale } from './locale.js';

/** What every section of the console is given: who is signed in, the API, the live socket. */
export interface ConsoleDeps {
  api: ApiClient;
  locale: Locale;
  member: MemberView;
  socket: NavetteSocket;
  /** The territories this coordinator may act on (theirs and those below; every one for an admin). */
  territories: readonly TerritoryProperties[];
}

/**
 * One part of the console (live map, reviews, fairness…): a plain DOM component (infra/adr/0017)
 * that the shell shows when its tab is chosen, for the territory chosen in the picker. `open` is
 * called when it is shown and each time the territory changes while it is; `close` when another
 * section is chosen (stop timers, leave socket rooms). A section fetches its own data: it is a
 * component and its controller in one, the console having no shared state beyond the territory.
 */
export interface Section {
  /** The URL fragment (`#live`) and the test id (`section-live`). */
  readonly id: string;
  /** Its name in the navigation. */
  readonly label: MessageKey;
  readonly element: HTMLElement;
  open(territoryId: string): void;
  close(): void;
}

export type SectionFactory = (deps: ConsoleDeps) => Section;
