import type { DriverMoved, FileReportRequest, OutcomesView, RideView } from '@navette/contracts';
import { connectRealtime, errorText, type ApiClient, type NavetteSocket, type Store } from '@navette/web-kit';
import { saveLastState } from './last-state.js';
import type { Locale } from './locale.js';
import { currentRide, isFinished } from './ride-status.js';
import { followedRide, NO_AFTER_RIDE, type RiderState } from './rider-state.js';
import { soonerDriver } from './sooner-driver.js';

/** Drivers not heard from for this long are taken off the coordinator's map, ms. */
export const STALE_AFTER_MS = 10 * 60_000;
/** A driver's move asks the server for fresh estimates at most this often, ms (then once more after). */
const ESTIMATES_EVERY_MS = 5_000;

/**
 * The rider's rides: reads them, follows them live (`ride:updated`, `driver:moved`; a coordinator's
 * drivers by `drivers:moved`), cancels, records the outcome and files reports; keeps the last state
 * for when the server cannot be reached.
 */
export class RideController {
  private lastEstimatesAt = 0;
  private pendingEstimates: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly api: ApiClient,
    private readonly store: Store<RiderState>,
    private readonly locale: Locale,
    private readonly sessionEnded: () => void,
  ) {
    store.subscribe((state) => {
      if (state.member) saveLastState(state.member.id, state);
    });
  }

  /** Signed in: the rides, then live updates. Coordinators also see the drivers of their territories. */
  start(token: string): void {
    void this.refresh();
    const socket: NavetteSocket = connectRealtime(token);
    socket.on('ride:updated', (ride) => this.update(ride));
    socket.on('driver:moved', (moved) => this.driverMoved(moved));
    socket.on('drivers:moved', ({ moves }) => this.driversMoved(moves));
    // Updates missed while disconnected are caught up by reading the rides again.
    socket.on('connect', () => {
      this.store.update({ connection: 'connected' });
      void this.refresh();
    });
    socket.on('disconnect', () => this.store.update({ connection: 'lost' }));
    socket.on('session:ended', () => this.sessionEnded());
    socket.on('connect_error', (error) => {
      this.store.update({ connection: 'lost' });
      if (/unauthenticated|token|expired/i.test(error.message)) this.sessionEnded();
    });
    setInterval(() => this.forgetStaleDrivers(Date.now()), 60_000);
  }

  /** Every ride of the rider; follows the newest one under way, else keeps the one followed. */
  async refresh(): Promise<void> {
    try {
      const rides = await this.api.get('/api/rides');
      const following = currentRide(rides)?.id ?? this.store.state.followingId;
      this.store.update({ rides, offline: false });
      this.follow(following);
    } catch {
      // The server cannot be reached: the last state stays on the page, said to be the last known.
      this.store.update({ offline: true });
    }
  }

  /** A ride created here or changed on the server. */
  update(ride: RideView): void {
    const rides = [ride, ...this.store.state.rides.filter((r) => r.id !== ride.id)].sort((a, b) =>
      b.requestedAt.localeCompare(a.requestedAt),
    );
    const following = followedRide(this.store.state);
    const followNew =
      !following || following.id === ride.id || (isFinished(following.status) && !isFinished(ride.status));
    // Another driver on the ride shown, still to come: one who can be there sooner took it over.
    const sooner = soonerDriver(following, ride);
    this.store.update({ rides, ...(sooner ? { soonerDriver: sooner } : {}) });
    if (followNew) this.follow(ride.id);
  }

  askCancel(): void {
    this.store.update({ confirmingCancel: true, rideError: '' });
  }

  keepRide(): void {
    this.store.update({ confirmingCancel: false });
  }

  async confirmCancel(): Promise<void> {
    const ride = followedRide(this.store.state);
    this.store.update({ confirmingCancel: false });
    if (!ride) return;
    try {
      this.update(await this.api.post<RideView>(`/api/rides/${ride.id}/cancel`));
    } catch (failure) {
      this.store.update({ rideError: errorText(failure, this.locale) });
    }
  }

  /** "Did it go well?" for the followed ride (yes or no, once). */
  async answer(success: boolean): Promise<void> {
    const ride = followedRide(this.store.state);
    if (!ride) return;
    this.afterRide({ busy: true, error: '' });
    try {
      const outcomes = await this.api.post<OutcomesView>(`/api/rides/${ride.id}/outcome`, { success });
      this.store.update({ answers: { ...this.store.state.answers, [ride.id]: success } });
      this.afterRide({ outcomes });
    } catch (failure) {
      this.afterRide({ error: errorText(failure, this.locale) });
    } finally {
      this.afterRide({ busy: false });
    }
  }

  openReport(open: boolean): void {
    this.afterRide({ reporting: open, error: '' });
  }

  /** Files a report about the followed ride's driver. */
  async report(kind: FileReportRequest['kind'], text: string): Promise<void> {
    const ride = followedRide(this.store.state);
    if (!ride?.driverId) return;
    if (!text.trim()) {
      this.afterRide({ error: this.locale.t('report.textNeeded') });
      return;
    }
    this.afterRide({ busy: true, error: '' });
    try {
      const body: FileReportRequest = { subjectId: ride.driverId, rideId: ride.id, kind, text: text.trim() };
      await this.api.post('/api/reports', body);
      this.afterRide({ reported: true, reporting: false });
    } catch (failure) {
      this.afterRide({ error: errorText(failure, this.locale) });
    } finally {
      this.afterRide({ busy: false });
    }
  }

  private follow(id: string | null): void {
    const changed = id !== this.store.state.followingId;
    this.store.update({ followingId: id, ...(changed ? { afterRide: NO_AFTER_RIDE, rideError: '' } : {}) });
    const ride = followedRide(this.store.state);
    if (ride?.status === 'completed' && ride.driverId && !this.store.state.afterRide.outcomes)
      void this.readOutcomes(ride.id);
  }

  /** What the rider already said about a finished ride, so the question is asked once. */
  private async readOutcomes(rideId: string): Promise<void> {
    try {
      const outcomes = await this.api.get<OutcomesView>(`/api/rides/${rideId}/outcomes`);
      if (this.store.state.followingId !== rideId) return;
      this.afterRide({ outcomes });
      if (outcomes.mine)
        this.store.update({ answers: { ...this.store.state.answers, [rideId]: outcomes.mine.success } });
    } catch {
      // Asked again at the next refresh.
    }
  }

  private afterRide(patch: Partial<RiderState['afterRide']>): void {
    this.store.update({ afterRide: { ...this.store.state.afterRide, ...patch } });
  }

  /** The followed ride's driver moves the marker. */
  private driverMoved(moved: DriverMoved): void {
    const ride = followedRide(this.store.state);
    if (ride && ride.driverId === moved.driverId && ride.status === 'assigned') {
      this.update({ ...ride, driverPosition: moved.position });
      this.freshEstimates(ride.id);
    }
  }

  /** Coordinators see every driver of their territories: the positions a node wrote together. */
  private driversMoved(moves: readonly DriverMoved[]): void {
    const role = this.store.state.member?.role;
    if (role !== 'coordinator' && role !== 'admin') return;
    const liveDrivers = { ...this.store.state.liveDrivers };
    for (const moved of moves) liveDrivers[moved.driverId] = moved;
    this.store.update({ liveDrivers });
  }

  /** The server's estimates (pickup and drop-off) after the driver moved, at most every few seconds. */
  private freshEstimates(rideId: string): void {
    if (this.pendingEstimates) return;
    const wait = Math.max(0, this.lastEstimatesAt + ESTIMATES_EVERY_MS - Date.now());
    this.pendingEstimates = setTimeout(() => {
      this.pendingEstimates = undefined;
      this.lastEstimatesAt = Date.now();
      this.api
        .get<RideView>(`/api/rides/${rideId}`)
        .then((ride) => this.update(ride))
        .catch(() => undefined);
    }, wait);
  }

  private forgetStaleDrivers(now: number): void {
    const live = Object.entries(this.store.state.liveDrivers).filter(
      ([, moved]) => now - (Date.parse(moved.at) || now) < STALE_AFTER_MS,
    );
    if (live.length !== Object.keys(this.store.state.liveDrivers).length)
      this.store.update({ liveDrivers: Object.fromEntries(live) });
  }
}
