import type { LoginResponse } from '@navette/contracts';
import { SessionStore } from './session.js';

/** A Storage over a Map: the same contract as sessionStorage, in Node. */
class MemoryStorage implements Storage {
  private readonly items = new Map<string, string>();
  get length(): number {
    return this.items.size;
  }
  clear(): void {
    this.items.clear();
  }
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  key(index: number): string | null {
    return [...this.items.keys()][index] ?? null;
  }
  removeItem(key: string): void {
    this.items.delete(key);
  }
  setItem(key: string, value: string): void {
    this.items.set(key, value);
  }
}

const dan = {
  token: 'a.b.c',
  member: { id: 'm1', displayName: 'Dan', role: 'driver' },
} as unknown as LoginResponse;

describe('SessionStore', () => {
  it('keeps, reads back and forgets the session, each page under its own key', () => {
    const storage = new MemoryStorage();
    const driver = new SessionStore('navette.driver.session', () => storage);
    const rider = new SessionStore('navette.session', () => storage);
    expect(driver.load()).toBeNull();
    driver.save(dan);
    expect(driver.load()).toEqual(dan);
    expect(rider.load()).toBeNull();
    driver.clear();
    expect(driver.load()).toBeNull();
  });

  it('reads an unreadable or partial entry as no session', () => {
    const storage = new MemoryStorage();
    const store = new SessionStore('k', () => storage);
    for (const raw of ['{', 'null', '{"token":"x"}', '{"member":{}}', '{"token":3,"member":{}}']) {
      storage.setItem('k', raw);
      expect(store.load()).toBeNull();
    }
  });
});
