import type { LoginResponse } from '@navette/contracts';

/** The signed-in member of one page, kept for the tab's lifetime only (sessionStorage by default). */
export class SessionStore {
  /**
   * @param key the storage key: each page its own, so a driver and a rider may share a browser.
   * @param storage where to keep it; `sessionStorage` when omitted.
   */
  constructor(
    private readonly key: string,
    private readonly storage: () => Storage = () => sessionStorage,
  ) {}

  /** The saved session, or null when there is none or it is unreadable. */
  load = (): LoginResponse | null => {
    const raw = this.storage().getItem(this.key);
    if (!raw) return null;
    try {
      const parsed = JSON.parse(raw) as Partial<LoginResponse> | null;
      return parsed && typeof parsed.token === 'string' && parsed.member ? (parsed as LoginResponse) : null;
    } catch {
      return null;
    }
  };

  save = (session: LoginResponse): void => {
    this.storage().setItem(this.key, JSON.stringify(session));
  };

  clear = (): void => {
    this.storage().removeItem(this.key);
  };
}
