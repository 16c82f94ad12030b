import type { LngLat } from '@navette/contracts';

/** Where the rider stands in choosing a trip on the map: pickup first, then drop-off. */
export type PickState =
  | { step: 'pickup'; dropoff?: LngLat }
  | { step: 'dropoff'; pickup: LngLat }
  | { step: 'ready'; pickup: LngLat; dropoff: LngLat };

export const START: PickState = { step: 'pickup' };

/** The state after a click on the map. Once both are chosen, a click moves the drop-off. */
export function pick(state: PickState, at: LngLat): PickState {
  switch (state.step) {
    case 'pickup':
      return state.dropoff
        ? { step: 'ready', pickup: at, dropoff: state.dropoff }
        : { step: 'dropoff', pickup: at };
    case 'dropoff':
    case 'ready':
      return { step: 'ready', pickup: state.pickup, dropoff: at };
  }
}

/** The state after the pickup is chosen by name (place search): it replaces any pickup. */
export function withPickup(state: PickState, at: LngLat): PickState {
  switch (state.step) {
    case 'pickup':
      return pick(state, at);
    case 'dropoff':
      return { step: 'dropoff', pickup: at };
    case 'ready':
      return { ...state, pickup: at };
  }
}

/** The state after the drop-off is chosen by name: unlike a click, it may come before the pickup. */
export function withDropoff(state: PickState, at: LngLat): PickState {
  return state.step === 'pickup'
    ? { step: 'pickup', dropoff: at }
    : { step: 'ready', pickup: state.pickup, dropoff: at };
}

/** Six decimals (about 10 cm) is more than enough and keeps payloads short. */
export function roundPosition([lng, lat]: LngLat): LngLat {
  return [Math.round(lng * 1e6) / 1e6, Math.round(lat * 1e6) / 1e6];
}
