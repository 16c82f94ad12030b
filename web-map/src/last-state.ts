import type { RideView } from '@navette/contracts';
import type { RiderState } from './rider-state.js';

/** Where the page keeps what it last read from the server, for a reload without network. */
const KEY = 'navette.rider.last';

/** What is kept: the member's rides (the history, the ride followed) and their answers. */
export interface LastState {
  memberId: string;
  rides: RideView[];
  followingId: string | null;
  answers: Record<string, boolean>;
}

/** Keeps the rides of `memberId` in this browser (removed at sign-out, see `forgetLastState`). */
export function saveLastState(
  memberId: string,
  state: Pick<RiderState, 'rides' | 'followingId' | 'answers'>,
  storage: Storage = localStorage,
): void {
  const kept: LastState = {
    memberId,
    rides: [...state.rides],
    followingId: state.followingId,
    answers: { ...state.answers },
  };
  try {
    storage.setItem(KEY, JSON.stringify(kept));
  } catch {
    // Storage full or refused (private mode): nothing to show offline, nothing broken.
  }
}

/** The last state kept for `memberId`, or null (none, another member's, or unreadable). */
export function loadLastState(memberId: string, storage: Storage = localStorage): LastState | null {
  try {
    const kept = JSON.parse(storage.getItem(KEY) ?? 'null') as Partial<LastState> | null;
    if (!kept || kept.memberId !== memberId || !Array.isArray(kept.rides)) return null;
    return {
      memberId,
      rides: kept.rides,
      followingId: typeof kept.followingId === 'string' ? kept.followingId : null,
      answers: kept.answers && typeof kept.answers === 'object' ? kept.answers : {},
    };
  } catch {
    return null;
  }
}

export function forgetLastState(storage: Storage = localStorage): void {
  storage.removeItem(KEY);
}
