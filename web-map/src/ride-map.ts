import type { LngLat, RideView } from '@navette/contracts';
import type { MapView } from '@navette/web-kit/map';
import { dropoffOf, pickupOf } from './pick-controller.js';
import { isFinished } from './ride-status.js';
import { followedRide, type RiderState } from './rider-state.js';

/** Room left around the driver and the pickup when the view frames them, CSS pixels. */
const FRAME_PADDING_PX = 60;

/**
 * What the rider's map shows from the state: the ends being chosen, the followed ride's ends, its
 * driver until pickup (the view framing driver and pickup, again whenever one leaves the view), and,
 * for coordinators, every driver moving in their territories.
 */
export class RideMap {
  private framed: string | null = null;
  private liveShown = new Set<string>();

  constructor(private readonly view: MapView) {}

  render(state: RiderState): void {
    const view = this.view;
    view.setMarker('request-pickup', 'pickup', pickupOf(state.pick));
    view.setMarker('request-dropoff', 'dropoff', dropoffOf(state.pick));
    const ride = followedRide(state);
    const live = ride && !isFinished(ride.status) ? ride : undefined;
    view.setMarker('ride-pickup', 'pickup', live?.pickup.coordinates ?? null, live?.pickupName ?? '');
    view.setMarker('ride-dropoff', 'dropoff', live?.dropoff.coordinates ?? null, live?.dropoffName ?? '');
    const driverAt = live?.status === 'assigned' ? live.driverPosition : null;
    view.setMarker('ride-driver', 'driver', driverAt, live?.driverName ?? '');
    if (live && driverAt) this.frame(live, driverAt);
    else this.framed = null;
    for (const [id, moved] of Object.entries(state.liveDrivers))
      view.setMarker(`live-${id}`, 'live-driver', moved.position);
    for (const id of this.liveShown)
      if (!(id in state.liveDrivers)) view.setMarker(`live-${id}`, 'live-driver', null);
    this.liveShown = new Set(Object.keys(state.liveDrivers));
  }

  /** Frames driver and pickup once per ride, and again when either is out of view. */
  private frame(ride: RideView, driverAt: LngLat): void {
    const pickup = ride.pickup.coordinates;
    const bounds = this.view.map.getBounds();
    const inView = bounds.contains(driverAt) && bounds.contains(pickup);
    if (this.framed === ride.id && inView) return;
    this.framed = ride.id;
    this.view.map.fitBounds(
      [
        [Math.min(driverAt[0], pickup[0]), Math.min(driverAt[1], pickup[1])],
        [Math.max(driverAt[0], pickup[0]), Math.max(driverAt[1], pickup[1])],
      ],
      { padding: FRAME_PADDING_PX, maxZoom: 15, duration: 0 },
    );
  }
}
