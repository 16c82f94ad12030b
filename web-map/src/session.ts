import type { LoginResponse } from '@navette/contracts';

const KEY = 'navette.session';

/** The signed-in member, kept for the tab's lifetime only (sessionStorage). */
export function loadSession(storage: Storage = sessionStorage): LoginResponse | null {
  const raw = storage.getItem(KEY);
  if (!raw) return null;
  try {
    const parsed = JSON.parse(raw) as Partial<LoginResponse>;
    return typeof parsed.token === 'string' && parsed.member ? (parsed as LoginResponse) : null;
  } catch {
    return null;
  }
}

export function saveSession(session: LoginResponse, storage: Storage = sessionStorage): void {
  storage.setItem(KEY, JSON.stringify(session));
}

export function clearSession(storage: Storage = sessionStorage): void {
  storage.removeItem(KEY);
}
