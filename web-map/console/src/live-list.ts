import type { LiveDriver, LiveRide, TerritoryLiveView } from '@navette/contracts';
import { h, show } from '@navette/web-kit';
import { waitLines } from './explanation-words.js';
import { ageWords, driverStateWords, pickupWords } from './live-words.js';
import type { Locale } from './locale.js';

/** What the list shows: the live view, and how long ago it was read (to age the waits). */
export interface LiveListInput {
  view: TerritoryLiveView;
  /** Seconds since `view` was read. */
  elapsedSeconds: number;
  /** The driver or ride whose details are open, if any. */
  selected: string | null;
}

/** What was chosen in the list: a driver or a ride. */
export type LiveChoice = { kind: 'driver'; id: string } | { kind: 'ride'; id: string };

/**
 * The live view as lists, for keyboard and screen-reader users (and anyone on a small screen):
 * every driver on shift with their state, every waiting ride with its age and why it waits. Each
 * entry is a button that opens its details; nothing here starts a request.
 */
export class LiveList {
  readonly element: HTMLElement;
  private readonly driversHeading = h('h3', { id: 'live-drivers-heading' });
  private readonly drivers = h('ul', {
    class: 'live-items',
    'data-testid': 'live-drivers',
    'aria-labelledby': 'live-drivers-heading',
  });
  private readonly noDrivers = h('p', { class: 'muted', 'data-testid': 'no-drivers' });
  private readonly ridesHeading = h('h3', { id: 'live-rides-heading' });
  private readonly rides = h('ul', {
    class: 'live-items',
    'data-testid': 'live-rides',
    'aria-labelledby': 'live-rides-heading',
  });
  private readonly noRides = h('p', { class: 'muted', 'data-testid': 'no-rides' });

  constructor(
    private readonly locale: Locale,
    private readonly onChoose: (choice: LiveChoice) => void,
  ) {
    this.element = h(
      'div',
      { class: 'live-list' },
      h('section', {}, this.ridesHeading, this.noRides, this.rides),
      h('section', {}, this.driversHeading, this.noDrivers, this.drivers),
    );
  }

  render({ view, elapsedSeconds, selected }: LiveListInput): void {
    const t = this.locale.t;
    this.driversHeading.textContent = t('live.drivers');
    this.ridesHeading.textContent = t('live.rides');
    this.noDrivers.textContent = t('live.noDrivers');
    this.noRides.textContent = t('live.noRides');
    show(this.noDrivers, view.drivers.length === 0);
    show(this.noRides, view.waiting.length === 0);
    const names = new Map(view.drivers.map((d) => [d.driverId, d.name]));
    this.rides.replaceChildren(
      ...view.waiting.map((ride) => this.rideItem(ride, elapsedSeconds, names, selected === ride.rideId)),
    );
    this.drivers.replaceChildren(
      ...view.drivers.map((driver) => this.driverItem(driver, selected === driver.driverId)),
    );
  }

  private rideItem(
    ride: LiveRide,
    elapsedSeconds: number,
    names: ReadonlyMap<string, string>,
    selected: boolean,
  ): HTMLLIElement {
    const t = this.locale.t;
    const title = t('live.ride', {
      rider: ride.riderName,
      pickup: pickupWords(ride, this.locale),
      age: ageWords(ride.waitingSeconds + elapsedSeconds, this.locale),
    });
    const button = h(
      'button',
      {
        type: 'button',
        class: 'live-item',
        'data-testid': 'live-ride',
        'data-id': ride.rideId,
        'aria-expanded': String(selected),
        'aria-controls': 'live-details',
      },
      h('span', { class: 'live-item-title' }, title),
    );
    if (ride.offeredTo)
      button.append(
        h(
          'span',
          { class: 'live-item-note' },
          t('live.rideOffered', { driver: names.get(ride.offeredTo) ?? '' }),
        ),
      );
    const why = h('span', { class: 'why', 'data-testid': 'ride-why' });
    for (const line of waitLines(ride.why, t, ride.status === 'offered'))
      why.append(h('span', { class: 'why-line' }, line));
    button.append(why);
    button.addEventListener('click', () => this.onChoose({ kind: 'ride', id: ride.rideId }));
    return h('li', {}, button);
  }

  private driverItem(driver: LiveDriver, selected: boolean): HTMLLIElement {
    const button = h(
      'button',
      {
        type: 'button',
        class: `live-item state-${driver.state}`,
        'data-testid': 'live-driver',
        'data-id': driver.driverId,
        'aria-expanded': String(selected),
        'aria-controls': 'live-details',
      },
      h(
        'span',
        { class: 'live-item-title' },
        this.locale.t('live.driver', { name: driver.name, state: driverStateWords(driver, this.locale) }),
      ),
    );
    button.addEventListener('click', () => this.onChoose({ kind: 'driver', id: driver.driverId }));
    return h('li', {}, button);
  }
}
