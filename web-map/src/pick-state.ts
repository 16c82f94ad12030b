import type { LngLat } from '@navette/contracts';

/** Where the rider stands in choosing a trip on the map: pickup first, then drop-off. */
export type PickState =
  | { step: 'pickup' }
  | { step: 'dropoff'; pickup: LngLat }
  | { step: 'ready'; pickup: LngLat; dropoff: LngLat };

export const START: PickState = { step: 'pickup' };

/** The state after a click on the map. Once both are chosen, a click moves the drop-off. */
export function pick(state: PickState, at: LngLat): PickState {
  switch (state.step) {
    case 'pickup':
      return { step: 'dropoff', pickup: at };
    case 'dropoff':
    case 'ready':
      return { step: 'ready', pickup: state.pickup, dropoff: at };
  }
}

/** Six decimals (about 10 cm) is more than enough and keeps payloads short. */
export function roundPosition([lng, lat]: LngLat): LngLat {
  return [Math.round(lng * 1e6) / 1e6, Math.round(lat * 1e6) / 1e6];
}
