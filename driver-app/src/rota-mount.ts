import { Store, type ApiClient } from '@navette/web-kit';
import type { Locale } from './locale.js';
import { RotaController, type RotaEnvironment } from './rota-controller.js';
import { RotaPanel } from './rota-panel.js';
import { initialRotaState } from './rota-state.js';

/**
 * Builds the rota panel and its controller, wired, and loads it: one call from the page's entry.
 * `onShift` tells it when the driver goes on and off shift (it listens on its own socket only off shift).
 */
export function mountRota(
  api: ApiClient,
  token: string,
  locale: Locale,
  env: RotaEnvironment,
  onShift: (listener: (on: boolean) => void) => void,
): HTMLElement {
  const rota = new RotaController(api, token, new Store(initialRotaState()), locale, env);
  const panel = new RotaPanel(locale, {
    signUp: (shift, waitlist) => void rota.signUp(shift, waitlist),
    withdraw: (id) => void rota.withdraw(id),
    offerPlace: (id) => void rota.offerPlace(id),
    takePlace: (id) => void rota.takePlace(id),
    start: (id) => void rota.start(id),
    showStops: (date) => void rota.showStops(date),
  });
  rota.store.subscribe((state) => panel.render(state));
  void rota.open().catch(() => undefined);
  onShift((on) => rota.listenWhile(!on));
  return panel.element;
}
