import type { TrackingView } from '@navette/contracts';
import { h, show, type Translator } from '@navette/web-kit';
import type { MessageKey } from './i18n.js';

/** What the panel shows: the delivery, or that the link does not work. */
export type TrackPanelInput = { view: TrackingView } | { gone: true } | { loading: true };

/**
 * The recipient's (or sender's) view of one delivery: its state in words, where from and to, the
 * expected window and, once ended, how it ended. Renders from its input; fetches nothing.
 */
export class TrackPanel {
  readonly element: HTMLElement;
  private readonly heading = h('h2', { 'data-testid': 'track-heading' });
  private readonly state = h('p', { class: 'track-state', 'data-testid': 'track-state', role: 'status' });
  private readonly places = h('p', { class: 'small', 'data-testid': 'track-places' });
  private readonly window = h('p', { class: 'small', 'data-testid': 'track-window' });
  private readonly outcome = h('p', { 'data-testid': 'track-outcome' });
  private readonly expires = h('p', { class: 'small', 'data-testid': 'track-expires' });
  private input: TrackPanelInput = { loading: true };

  constructor(private readonly locale: Translator<MessageKey>) {
    this.element = h(
      'section',
      { class: 'card track-panel', 'data-testid': 'track-panel' },
      this.heading,
      this.state,
      this.places,
      this.window,
      this.outcome,
      this.expires,
    );
    locale.bind(() => this.paint());
  }

  render(input: TrackPanelInput): void {
    this.input = input;
    this.paint();
  }

  private paint(): void {
    const { t } = this.locale;
    const input = this.input;
    const view = 'view' in input ? input.view : null;
    show(this.heading, view !== null);
    for (const part of [this.places, this.window, this.outcome, this.expires]) show(part, false);
    if ('gone' in input) {
      this.state.textContent = t('track.gone');
      return;
    }
    if (!view) {
      this.state.textContent = '';
      return;
    }
    this.heading.textContent = t('track.heading', { what: view.what });
    this.state.textContent = t(`track.state.${view.state}`);
    this.places.textContent = `${t('track.from', { place: view.pickupName ?? t('track.somewhere') })} · ${t(
      'track.to',
      {
        place: view.dropoffName ?? t('track.somewhere'),
      },
    )}`;
    show(this.places, true);
    const time = (iso: string) =>
      new Date(iso).toLocaleTimeString(this.locale.formatLocale, { hour: '2-digit', minute: '2-digit' });
    const { deliverAfter: from, deliverBefore: to } = view;
    if (from || to) {
      this.window.textContent =
        from && to
          ? t('track.window', { from: time(from), to: time(to) })
          : to
            ? t('track.windowBefore', { to: time(to) })
            : t('track.windowAfter', { from: time(from!) });
      show(this.window, true);
    }
    if (view.outcome) {
      this.outcome.textContent = t(`track.outcome.${view.outcome}`);
      show(this.outcome, true);
    }
    if (view.expiresAt) {
      this.expires.textContent = t('track.expires', { time: time(view.expiresAt) });
      show(this.expires, true);
    }
  }
}
