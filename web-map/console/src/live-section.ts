import type {
  DriversMoved,
  ManualOfferResult,
  OverrideResult,
  RideExplanations,
  TerritoryCollection,
  TerritoryLiveView,
} from '@navette/contracts';
import { ApiError, errorText, h, show } from '@navette/web-kit';
import { openMap, type MapView } from '@navette/web-kit/map';
import { reasonWords } from './explanation-words.js';
import { LiveDetails } from './live-details.js';
import { LiveList, type LiveChoice } from './live-list.js';
import { clock, driverStateWords, pickupWords } from './live-words.js';
import type { ConsoleDeps, Section } from './section.js';
import { subtreeOf } from './territory-tree.js';
import './live.css';

/** How often the live view is read again while shown, ms (a driver's move also triggers a read). */
export const LIVE_REFRESH_MS = 10_000;
/** A driver's move asks for a fresh read at most this often, ms. */
const MOVE_DEBOUNCE_MS = 1_000;

/** The engine's refusal code at the end of a manual offer's 409 message (ADR 0021). */
const refusalCode = (message: string) => /: ([a-z-]+)$/.exec(message)?.[1];

/**
 * `#live`: the chosen territory now — drivers on shift named with their state and waiting rides
 * with their age and why they wait, on the map and in lists (the lists hold everything the map
 * shows, for keyboard and screen-reader users); choosing one opens its details, with the
 * explanation of its offers and the coordinator's overrides. Read again every `LIVE_REFRESH_MS`
 * and soon after drivers move (`drivers:moved` in the territory's socket room).
 */
export class LiveSection implements Section {
  readonly id = 'live';
  readonly label = 'live.nav' as const;
  readonly element: HTMLElement;
  private readonly heading = h('h2');
  private readonly summary = h('p', { 'data-testid': 'live-summary', 'aria-live': 'polite' });
  private readonly problem = h('p', { class: 'error', role: 'alert', hidden: true });
  private readonly mapBox = h('div', { class: 'live-map', 'data-testid': 'live-map', role: 'region' });
  private readonly mapNote = h('p', { class: 'muted', hidden: true });
  private readonly legend = h('ul', { class: 'map-legend', 'aria-hidden': 'true' });
  private readonly list: LiveList;
  private readonly details: LiveDetails;
  private map: MapView | undefined;
  private mapOpening: Promise<MapView | undefined> | undefined;
  private territoryId: string | null = null;
  private view: TerritoryLiveView | null = null;
  private readAt = 0;
  private choice: LiveChoice | null = null;
  private explanation: RideExplanations | 'loading' | null = null;
  private timer: ReturnType<typeof setInterval> | undefined;
  private moveTimer: ReturnType<typeof setTimeout> | undefined;
  private markerIds = new Set<string>();
  private collection: TerritoryCollection | undefined;
  private readonly onMoved = (moved: DriversMoved) => this.moved(moved);

  constructor(private readonly deps: ConsoleDeps) {
    const { locale } = deps;
    this.list = new LiveList(locale, (choice) => this.choose(choice, true));
    this.details = new LiveDetails(locale, {
      offer: (rideId, driverId, reason) => this.offer(rideId, driverId, reason),
      withdraw: (offerId, reason) => this.withdraw(offerId, reason),
      release: (driverId, reason) => this.release(driverId, reason),
      close: () => this.choose(null, false),
    });
    this.mapBox.addEventListener('click', (event) => {
      const marker = (event.target as HTMLElement).closest<HTMLElement>('.marker[data-id]');
      const [kind, id] = marker?.dataset.id?.split(':') ?? [];
      if ((kind === 'driver' || kind === 'ride') && id) this.choose({ kind, id }, true);
    });
    this.element = h(
      'section',
      { class: 'live', 'aria-labelledby': 'live-heading' },
      this.heading,
      this.summary,
      this.problem,
      h(
        'div',
        { class: 'live-layout' },
        h('div', { class: 'live-map-column' }, this.mapBox, this.legend, this.mapNote),
        this.list.element,
      ),
      this.details.element,
    );
    this.heading.id = 'live-heading';
    locale.bind(() => this.render());
  }

  open(territoryId: string): void {
    this.territoryId = territoryId;
    this.choice = null;
    this.view = null;
    this.render();
    void this.ensureMap().then(() => this.showTerritory());
    void this.refresh();
    clearInterval(this.timer);
    this.timer = setInterval(() => void this.refresh(), LIVE_REFRESH_MS);
    this.deps.socket.off('drivers:moved', this.onMoved);
    this.deps.socket.on('drivers:moved', this.onMoved);
  }

  close(): void {
    clearInterval(this.timer);
    clearTimeout(this.moveTimer);
    this.deps.socket.off('drivers:moved', this.onMoved);
  }

  private async refresh(): Promise<void> {
    const territoryId = this.territoryId;
    if (!territoryId) return;
    try {
      const view = await this.deps.api.get<TerritoryLiveView>(`/api/territories/${territoryId}/live`);
      if (territoryId !== this.territoryId) return;
      this.view = view;
      this.readAt = Date.now();
      show(this.problem, false);
    } catch (failure) {
      this.problem.textContent = errorText(failure, this.deps.locale);
      show(this.problem, true);
    }
    this.render();
  }

  private moved({ moves }: DriversMoved): void {
    const drivers = new Map(this.view?.drivers.map((d) => [d.driverId, d]));
    let shown = false;
    for (const { driverId, position } of moves) {
      const driver = drivers.get(driverId);
      if (driver) {
        driver.position = position;
        shown = true;
      }
    }
    if (shown) this.drawMarkers();
    clearTimeout(this.moveTimer);
    this.moveTimer = setTimeout(() => void this.refresh(), MOVE_DEBOUNCE_MS);
  }

  private choose(choice: LiveChoice | null, focus: boolean): void {
    const previous = this.choice;
    this.choice = choice;
    if (choice?.kind === 'ride' && (previous?.kind !== 'ride' || previous.id !== choice.id)) {
      this.explanation = 'loading';
      void this.explain(choice.id);
    }
    this.render();
    if (choice && focus) this.details.focus();
  }

  private async explain(rideId: string): Promise<void> {
    try {
      const explanation = await this.deps.api.get<RideExplanations>(`/api/rides/${rideId}/explanation`);
      if (this.choice?.kind === 'ride' && this.choice.id === rideId) this.explanation = explanation;
    } catch {
      this.explanation = { rideId, offers: [], lastUnmatched: null };
    }
    this.render();
  }

  private async act<T>(path: string, body: object, done: (result: T) => string): Promise<string> {
    try {
      const result = await this.deps.api.post<T>(`/api/territories/${this.territoryId}${path}`, body);
      await this.refresh();
      if (this.choice?.kind === 'ride') await this.explain(this.choice.id);
      return done(result);
    } catch (failure) {
      void this.refresh();
      throw new Error(this.failureText(failure));
    }
  }

  private failureText(failure: unknown): string {
    const { locale } = this.deps;
    if (failure instanceof ApiError && failure.body.statusCode === 409) {
      const code = refusalCode(failure.body.message);
      if (code && /cannot offer/.test(failure.body.message))
        return locale.t('override.refused', { reason: reasonWords(code, locale.t) });
    }
    return errorText(failure, locale);
  }

  private offer(rideId: string, driverId: string, reason: string): Promise<string> {
    return this.act<ManualOfferResult>(`/rides/${rideId}/offer`, { driverId, reason }, () =>
      this.deps.locale.t('override.offered'),
    );
  }

  private withdraw(offerId: string, reason: string): Promise<string> {
    return this.act<OverrideResult>(`/offers/${offerId}/withdrawal`, { reason }, () =>
      this.deps.locale.t('override.withdrawn'),
    );
  }

  private release(driverId: string, reason: string): Promise<string> {
    return this.act<OverrideResult>(`/drivers/${driverId}/release`, { reason }, (result) =>
      this.deps.locale.t('override.released', { n: result.releasedRideIds.length }),
    );
  }

  private ensureMap(): Promise<MapView | undefined> {
    this.mapOpening ??= Promise.all([
      openMap(this.mapBox, this.deps.api),
      this.deps.api.get('/api/territories').catch(() => undefined),
    ])
      .then(([map, collection]) => {
        this.map = map;
        this.collection = collection;
        this.drawMarkers();
        return map;
      })
      .catch(() => {
        show(this.mapNote, true);
        return undefined;
      });
    return this.mapOpening;
  }

  /** The chosen territory and those within it, on the map, framed. */
  private showTerritory(): void {
    if (!this.map || !this.collection || !this.territoryId) return;
    const below = subtreeOf(this.deps.territories, this.territoryId);
    this.map.showTerritories({
      ...this.collection,
      features: this.collection.features.filter((f) => below.has(f.properties.id)),
    });
  }

  private drawMarkers(): void {
    const map = this.map;
    if (!map) return;
    const { locale } = this.deps;
    const wanted = new Set<string>();
    for (const driver of this.view?.drivers ?? []) {
      if (!driver.position) continue;
      const id = `driver:${driver.driverId}`;
      wanted.add(id);
      map.setMarker(
        id,
        'live-driver',
        driver.position,
        locale.t('live.driver', {
          name: driver.name,
          state: driverStateWords(driver, locale),
        }),
      );
      // The marker's colour says the state (the legend under the map; the list says it in words).
      const element = this.mapBox.querySelector<HTMLElement>(`.marker[data-id="${id}"]`);
      if (element) element.dataset.state = driver.state;
    }
    for (const ride of this.view?.waiting ?? []) {
      const id = `ride:${ride.rideId}`;
      wanted.add(id);
      map.setMarker(id, 'pickup', ride.pickup, `${ride.riderName}, ${pickupWords(ride, locale)}`);
    }
    for (const id of this.markerIds) if (!wanted.has(id)) map.setMarker(id, 'pickup', null);
    this.markerIds = wanted;
  }

  private render(): void {
    const { locale } = this.deps;
    const t = locale.t;
    this.heading.textContent = t('live.heading');
    this.mapBox.setAttribute('aria-label', t('live.map'));
    this.mapNote.textContent = t('live.mapUnavailable');
    this.legend.replaceChildren(
      ...(['idle', 'busy', 'away', 'ride'] as const).map((kind) =>
        h('li', {}, h('span', { class: `legend-dot legend-${kind}` }), t(`live.legend.${kind}`)),
      ),
    );
    const view = this.view;
    if (!view) {
      this.summary.textContent = t('live.loading');
      this.list.element.hidden = true;
      this.details.render({
        view: { territoryId: '', at: '', drivers: [], waiting: [] },
        elapsedSeconds: 0,
        choice: null,
        explanation: null,
      });
      return;
    }
    this.list.element.hidden = false;
    this.summary.textContent = `${t('live.summary', { drivers: view.drivers.length, rides: view.waiting.length })} · ${t('live.updated', { time: clock(view.at, locale) })}`;
    const elapsedSeconds = Math.max(0, Math.round((Date.now() - this.readAt) / 1000));
    const selected = this.choice?.id ?? null;
    this.list.render({ view, elapsedSeconds, selected });
    this.details.render({ view, elapsedSeconds, choice: this.choice, explanation: this.explanation });
    this.drawMarkers();
  }
}

/** The section's factory, for `sections.ts`. */
export const liveSection = (deps: ConsoleDeps): Section => new LiveSection(deps);
