import type { LiveDriver, LiveRide, RideExplanations, TerritoryLiveView } from '@navette/contracts';
import { h, show } from '@navette/web-kit';
import { explanationLines, reasonWords, waitLines } from './explanation-words.js';
import type { LiveChoice } from './live-list.js';
import { ageWords, clock, driverStateWords, pickupWords } from './live-words.js';
import type { Locale } from './locale.js';
import { ReasonForm } from './reason-form.js';

export interface LiveDetailsInput {
  view: TerritoryLiveView;
  elapsedSeconds: number;
  choice: LiveChoice | null;
  /** The chosen ride's explanation: `loading` while it is read. */
  explanation: RideExplanations | 'loading' | null;
}

/** What the coordinator does from the details; each resolves to the words to show, or throws. */
export interface LiveOverrides {
  offer(rideId: string, driverId: string, reason: string): Promise<string>;
  withdraw(offerId: string, reason: string): Promise<string>;
  release(driverId: string, reason: string): Promise<string>;
  close(): void;
}

const signed = (n: number) => (n > 0 ? `+${n}` : String(n));

/**
 * The details of one driver or one waiting ride: what it is, why it waits (the engine's latest
 * batch and the offers made, in words), and the coordinator's overrides, each asking for a reason.
 */
export class LiveDetails {
  readonly element: HTMLElement;
  private readonly heading = h('h3', { id: 'live-details-heading', tabIndex: -1 });
  private readonly closeButton = h('button', {
    type: 'button',
    class: 'secondary',
    'data-testid': 'details-close',
  });
  private readonly facts = h('dl', { class: 'facts' });
  /** What the last override did (its form may be gone once the ride or driver changed). */
  private readonly notice = h('p', { class: 'notice', role: 'status', 'data-testid': 'details-notice' });
  private readonly body = h('div');
  private readonly driverSelect = h('select', { id: 'override-driver', 'data-testid': 'override-driver' });
  private readonly driverLabel = h('label', { for: 'override-driver' });
  private readonly offerHeading = h('h4');
  private readonly offerForm: ReasonForm;
  private readonly withdrawHeading = h('h4');
  private readonly withdrawForm: ReasonForm;
  private readonly releaseHeading = h('h4');
  private readonly releaseHint = h('p', { class: 'muted' });
  private readonly releaseForm: ReasonForm;
  private readonly offerBox: HTMLElement;
  private readonly withdrawBox: HTMLElement;
  private readonly releaseBox: HTMLElement;
  private input: LiveDetailsInput | null = null;
  private shownFor: string | null = null;

  constructor(
    private readonly locale: Locale,
    private readonly actions: LiveOverrides,
  ) {
    const current = () => this.input?.choice;
    const noted = (done: Promise<string>) =>
      done.then((text) => {
        this.notice.textContent = text;
        return '';
      });
    this.offerForm = new ReasonForm(
      locale,
      { label: 'override.reason', submit: 'override.offerSubmit' },
      'override-offer',
      (reason) => {
        const choice = current();
        if (!this.driverSelect.value) return Promise.reject(new Error(locale.t('override.chooseDriver')));
        return noted(actions.offer(choice!.id, this.driverSelect.value, reason));
      },
    );
    this.offerForm.prepend(this.driverLabel, this.driverSelect);
    this.withdrawForm = new ReasonForm(
      locale,
      { label: 'override.reason', submit: 'override.withdrawSubmit' },
      'override-withdraw',
      (reason) => noted(actions.withdraw(this.rideOf(current())?.offerId ?? '', reason)),
    );
    this.releaseForm = new ReasonForm(
      locale,
      { label: 'override.reason', submit: 'override.releaseSubmit' },
      'override-release',
      (reason) => noted(actions.release(current()!.id, reason)),
    );
    this.offerBox = h('div', { class: 'override' }, this.offerHeading, this.offerForm.element);
    this.withdrawBox = h('div', { class: 'override' }, this.withdrawHeading, this.withdrawForm.element);
    this.releaseBox = h(
      'div',
      { class: 'override' },
      this.releaseHeading,
      this.releaseHint,
      this.releaseForm.element,
    );
    this.closeButton.addEventListener('click', () => actions.close());
    this.element = h(
      'section',
      {
        id: 'live-details',
        class: 'card live-details',
        'data-testid': 'live-details',
        'aria-labelledby': 'live-details-heading',
        hidden: true,
      },
      h('div', { class: 'details-top' }, this.heading, this.closeButton),
      this.notice,
      this.facts,
      this.body,
      this.offerBox,
      this.withdrawBox,
      this.releaseBox,
    );
  }

  /** Moves the focus to the details (after a choice), so a screen reader reads them next. */
  focus(): void {
    this.heading.focus();
    this.element.scrollIntoView({ block: 'nearest' });
  }

  render(input: LiveDetailsInput): void {
    this.input = input;
    const { choice, view } = input;
    show(this.element, choice !== null);
    if (!choice) return;
    const key = `${choice.kind}:${choice.id}`;
    if (key !== this.shownFor) {
      for (const form of [this.offerForm, this.withdrawForm, this.releaseForm]) form.say('');
      this.notice.textContent = '';
      this.shownFor = key;
    }
    const t = this.locale.t;
    this.closeButton.textContent = t('details.close');
    this.offerHeading.textContent = t('override.offer');
    this.withdrawHeading.textContent = t('override.withdraw');
    this.releaseHeading.textContent = t('override.release');
    this.releaseHint.textContent = t('override.releaseHint');
    this.driverLabel.textContent = t('override.driver');
    const ride = choice.kind === 'ride' ? this.rideOf(choice) : undefined;
    const driver = choice.kind === 'driver' ? view.drivers.find((d) => d.driverId === choice.id) : undefined;
    show(this.offerBox, ride !== undefined && ride.status === 'requested');
    show(this.withdrawBox, ride !== undefined && ride.offerId !== null);
    show(this.releaseBox, driver !== undefined && (driver.state === 'offered' || driver.state === 'on-trip'));
    if (ride) this.renderRide(ride, input);
    else if (driver) this.renderDriver(driver);
    else {
      this.heading.textContent = t('details.gone');
      this.facts.replaceChildren();
      this.body.replaceChildren();
    }
  }

  private rideOf(choice: LiveChoice | null | undefined): LiveRide | undefined {
    return choice?.kind === 'ride' ? this.input?.view.waiting.find((r) => r.rideId === choice.id) : undefined;
  }

  private fact(term: string, value: string, testId?: string): HTMLElement[] {
    return [h('dt', {}, term), h('dd', testId ? { 'data-testid': testId } : {}, value)];
  }

  private renderRide(ride: LiveRide, input: LiveDetailsInput): void {
    const t = this.locale.t;
    const names = new Map(input.view.drivers.map((d) => [d.driverId, d.name]));
    this.heading.textContent = t('details.heading.ride', { rider: ride.riderName });
    this.facts.replaceChildren(
      ...this.fact(t('details.from'), pickupWords(ride, this.locale)),
      ...this.fact(t('details.to'), ride.dropoffName ?? t('live.somewhere')),
      ...this.fact(t('details.requested'), clock(ride.requestedAt, this.locale)),
      ...this.fact(t('details.waiting'), ageWords(ride.waitingSeconds + input.elapsedSeconds, this.locale)),
      ...this.fact(t('details.seats'), String(ride.seats)),
      ...(ride.wheelchairPlaces ? this.fact(t('details.wheelchair'), String(ride.wheelchairPlaces)) : []),
      ...(ride.offeredTo ? this.fact(t('details.offeredTo'), names.get(ride.offeredTo) ?? '') : []),
    );
    const why = h('ul', { 'data-testid': 'details-why' });
    for (const line of waitLines(ride.why, t, ride.status === 'offered')) why.append(h('li', {}, line));
    this.body.replaceChildren(h('h4', {}, t('details.why')), why, this.explanation(input.explanation, names));
    const chosen = this.driverSelect.value;
    this.driverSelect.replaceChildren(
      h('option', { value: '' }, t('override.chooseDriver')),
      ...input.view.drivers.map((d) =>
        h('option', { value: d.driverId }, `${d.name} (${driverStateWords(d, this.locale)})`),
      ),
    );
    this.driverSelect.value = input.view.drivers.some((d) => d.driverId === chosen) ? chosen : '';
  }

  private explanation(explanation: LiveDetailsInput['explanation'], names: Map<string, string>): HTMLElement {
    const t = this.locale.t;
    const box = h('div', { class: 'explanation', 'data-testid': 'ride-explanation' });
    if (explanation === 'loading' || explanation === null) {
      box.append(h('p', { class: 'muted' }, t('explain.loading')));
      return box;
    }
    for (const offer of explanation.offers) names.set(offer.driverId, offer.driverName);
    const nameOf = (id: string) => names.get(id) ?? t('explain.someone');
    box.append(h('h4', {}, t('explain.offers')));
    if (explanation.offers.length === 0) box.append(h('p', { class: 'muted' }, t('explain.noOffers')));
    for (const offer of explanation.offers) {
      const status = ['pending', 'accepted', 'declined', 'expired', 'withdrawn'].includes(offer.status)
        ? t(`explain.status.${offer.status as 'pending'}`)
        : t('explain.status.other', { status: offer.status });
      const lines = h('ul', { class: 'terms' });
      for (const line of explanationLines(offer.explanation, t))
        lines.append(
          h(
            'li',
            {},
            line.words,
            ' ',
            h('span', { class: 'weighs' }, t('explain.weighs', { value: signed(line.weighs) })),
          ),
        );
      box.append(
        h(
          'div',
          { class: 'offer-explanation', 'data-testid': 'offer-explanation' },
          h(
            'h5',
            {},
            t('explain.offer', {
              driver: offer.driverName,
              status,
              when: clock(offer.createdAt, this.locale),
            }),
          ),
          lines,
        ),
      );
    }
    const batch = explanation.lastUnmatched;
    if (!batch) {
      box.append(h('p', { class: 'muted' }, t('explain.noBatch')));
      return box;
    }
    box.append(h('h4', {}, t('explain.lastBatch', { when: clock(batch.at, this.locale) })));
    const others = h('ul', { 'data-testid': 'batch-others' });
    for (const other of batch.explanation.others)
      others.append(
        h(
          'li',
          {},
          t('explain.otherDriver', { driver: nameOf(other.vehicleId), reason: reasonWords(other.reason, t) }),
        ),
      );
    box.append(batch.explanation.others.length ? others : h('p', { class: 'muted' }, t('explain.noOthers')));
    return box;
  }

  private renderDriver(driver: LiveDriver): void {
    const t = this.locale.t;
    this.heading.textContent = t('details.heading.driver', { name: driver.name });
    const positionAge = driver.positionAt
      ? t('details.positionAt', {
          age: ageWords(Math.max(0, (Date.now() - Date.parse(driver.positionAt)) / 1000), this.locale),
        })
      : t('details.noPosition');
    this.facts.replaceChildren(
      ...this.fact(t('details.state'), driverStateWords(driver, this.locale), 'driver-state'),
      ...this.fact(t('details.position'), positionAge),
    );
    this.body.replaceChildren();
  }
}
