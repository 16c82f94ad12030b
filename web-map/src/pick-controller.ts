import type {
  CreateRideRequest,
  CreateTaskRequest,
  LngLat,
  PlaceSearchHit,
  RideEstimate,
  RideView,
} from '@navette/contracts';
import { errorText, idempotencyKey, type ApiClient, type Store } from '@navette/web-kit';
import type { Locale } from './locale.js';
import { PickNames } from './pick-names.js';
import { pick, roundPosition, START, withDropoff, withPickup, type PickState } from './pick-state.js';
import type { RiderState } from './rider-state.js';

export type TripEnd = 'pickup' | 'dropoff';

const lngLat = ([lng, lat]: LngLat) => `${lng.toFixed(6)},${lat.toFixed(6)}`;

/**
 * Choosing a trip: each end by a search, a place of the list, the device's location or a tap on the
 * map, always named (a place, a street, "near Kallio"), the pickup moved to its stop when the
 * territory snaps; then the estimate, then the request. Writes the page's state; a retried request
 * carries the same idempotency key.
 */
export class PickController {
  private readonly names: PickNames;
  private key = idempotencyKey();
  /** Counts lookups per end, so a late answer for an end chosen again is dropped. */
  private lookups = { pickup: 0, dropoff: 0, estimate: 0 };

  constructor(
    private readonly api: ApiClient,
    private readonly store: Store<RiderState>,
    private readonly locale: Locale,
    private readonly geolocation: Geolocation | null,
    private readonly created: (ride: RideView) => void,
  ) {
    this.names = new PickNames(api, locale);
  }

  search(query: string, near: LngLat): Promise<PlaceSearchHit[]> {
    return this.names.search(query, near);
  }

  /** A tap on the map: the pickup first, then the drop-off; once both are chosen it moves the drop-off. */
  tapped(at: LngLat): void {
    const rounded = roundPosition(at);
    const before = this.store.state.pick;
    const after = pick(before, rounded);
    const end: TripEnd = before.step === 'pickup' ? 'pickup' : 'dropoff';
    this.choose(after, end, null);
  }

  /** An end chosen by name (a search result, a place of the list). */
  named(end: TripEnd, at: LngLat, name: string): void {
    const state = this.store.state.pick;
    this.choose(end === 'pickup' ? withPickup(state, at) : withDropoff(state, at), end, name);
  }

  /** "Use my location": the device's position, named, as the pickup. */
  locate(): Promise<void> {
    const geolocation = this.geolocation;
    if (!geolocation) {
      this.store.update({ requestError: this.locale.t('locate.unavailable') });
      return Promise.resolve();
    }
    this.store.update({ locating: true, requestError: '' });
    return new Promise((resolve) =>
      geolocation.getCurrentPosition(
        (position) => {
          this.store.update({ locating: false });
          const at = roundPosition([position.coords.longitude, position.coords.latitude]);
          this.choose(withPickup(this.store.state.pick, at), 'pickup', null);
          resolve();
        },
        () => {
          this.store.update({ locating: false, requestError: this.locale.t('locate.failed') });
          resolve();
        },
        { enableHighAccuracy: true, timeout: 20_000, maximumAge: 60_000 },
      ),
    );
  }

  reset(): void {
    this.lookups.pickup++;
    this.lookups.dropoff++;
    this.lookups.estimate++;
    this.key = idempotencyKey();
    this.store.update({
      pick: START,
      names: { pickup: '', dropoff: '', snapNote: '' },
      estimate: null,
      requestError: '',
    });
  }

  /** Asks for the ride (`seats`), or with `task` for something sent: it takes no seat. */
  async send(seats: number, task: CreateTaskRequest | null = null): Promise<void> {
    const state = this.store.state.pick;
    if (state.step !== 'ready' || this.store.state.requestBusy) return;
    const ends = {
      pickup: { type: 'Point', coordinates: state.pickup },
      dropoff: { type: 'Point', coordinates: state.dropoff },
    } as const;
    const body: CreateRideRequest = task
      ? { kind: 'task', ...ends, task }
      : { kind: 'ride', ...ends, seats: Math.min(8, Math.max(1, Math.round(seats) || 1)) };
    this.store.update({ requestBusy: true, requestError: '' });
    try {
      const ride = await this.api.post('/api/rides', body, { 'Idempotency-Key': this.key });
      this.reset();
      this.created(ride);
    } catch (failure) {
      this.store.update({ requestError: errorText(failure, this.locale) });
    } finally {
      this.store.update({ requestBusy: false });
    }
  }

  private choose(state: PickState, end: TripEnd, name: string | null): void {
    this.key = idempotencyKey();
    const names = { ...this.store.state.names, [end]: name ?? '' };
    if (end === 'pickup') names.snapNote = '';
    this.store.update({ pick: state, names, requestError: '', estimate: null });
    const at = end === 'pickup' ? pickupOf(state) : dropoffOf(state);
    if (at) void this.name(end, at, name);
    this.estimate();
  }

  /** Names the end (the pickup as the territory will serve it: moved to its stop when it snaps). */
  private async name(end: TripEnd, at: LngLat, chosen: string | null): Promise<void> {
    const ask = ++this.lookups[end];
    try {
      if (end === 'dropoff') {
        if (chosen) return;
        const name = await this.names.name(at);
        if (ask === this.lookups.dropoff) this.setNames({ dropoff: name });
        return;
      }
      const named = await this.names.pickup(at, chosen ?? undefined);
      if (ask !== this.lookups.pickup) return;
      this.setNames({ pickup: named.name, snapNote: named.note });
      if (named.at[0] !== at[0] || named.at[1] !== at[1]) {
        this.store.update({ pick: withPickup(this.store.state.pick, named.at) });
        this.estimate();
      }
    } catch {
      // The name stays empty: the box shows the placeholder, never coordinates.
    }
  }

  private setNames(patch: Partial<RiderState['names']>): void {
    this.store.update({ names: { ...this.store.state.names, ...patch } });
  }

  /** Wait and trip time for the chosen trip, once both ends are known. */
  private estimate(): void {
    const state = this.store.state.pick;
    const ask = ++this.lookups.estimate;
    if (state.step !== 'ready') return;
    this.api
      .get<RideEstimate>(
        `/api/rides/estimate?pickup=${lngLat(state.pickup)}&dropoff=${lngLat(state.dropoff)}`,
      )
      .then((estimate) => {
        if (ask === this.lookups.estimate) this.store.update({ estimate });
      })
      .catch(() => undefined);
  }
}

export const pickupOf = (state: PickState): LngLat | null => (state.step === 'pickup' ? null : state.pickup);
export const dropoffOf = (state: PickState): LngLat | null =>
  state.step === 'pickup' ? (state.dropoff ?? null) : state.step === 'ready' ? state.dropoff : null;
