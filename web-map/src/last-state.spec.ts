import type { RideView } from '@navette/contracts';
import { forgetLastState, loadLastState, saveLastState } from './last-state.js';

/** A Storage kept in memory (the unit tests run without a browser). */
function memoryStorage(): Storage {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    clear: () => items.clear(),
    getItem: (key) => items.get(key) ?? null,
    key: (index) => [...items.keys()][index] ?? null,
    removeItem: (key) => void items.delete(key),
    setItem: (key, value) => void items.set(key, value),
  };
}

const ride = { id: 'r1', status: 'requested', requestedAt: '2026-12-06T20:00:00.000Z' } as RideView;

describe('the rider page’s last state', () => {
  it('gives back what was kept, to the same member only', () => {
    const storage = memoryStorage();
    saveLastState('m1', { rides: [ride], followingId: 'r1', answers: { r0: true } }, storage);
    expect(loadLastState('m1', storage)).toEqual({
      memberId: 'm1',
      rides: [ride],
      followingId: 'r1',
      answers: { r0: true },
    });
    expect(loadLastState('m2', storage)).toBeNull();
  });

  it('is forgotten at sign-out, and unreadable data is no state', () => {
    const storage = memoryStorage();
    saveLastState('m1', { rides: [ride], followingId: null, answers: {} }, storage);
    forgetLastState(storage);
    expect(loadLastState('m1', storage)).toBeNull();
    storage.setItem('navette.rider.last', '{not json');
    expect(loadLastState('m1', storage)).toBeNull();
  });
});
