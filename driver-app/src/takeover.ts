import type { OfferView, TripTakenOver } from '@navette/contracts';
import type { MessageParams } from '@navette/web-kit';
import { formatMinutes } from './geo.js';
import type { MessageKey } from './i18n.js';

type Translate = (key: MessageKey, params?: MessageParams) => string;

/** `4 min` with a no-break space: in the middle of a sentence, a narrow card must not part them. */
const minutes = (seconds: number) => formatMinutes(seconds).replace(' ', '\u00a0');

/**
 * The offer card's line for a takeover (ADR 0041): the ride is already promised, so the driver is
 * told why it comes to them, and by how much they would be sooner. Empty for an ordinary offer
 * (`takeover` null, or absent from servers before takeovers).
 */
export function takeoverLine(offer: Pick<OfferView, 'takeover'>, t: Translate): string {
  return offer.takeover ? t('takeover.offer', { time: minutes(offer.takeover.soonerSeconds) }) : '';
}

/** What the driver whose ride was taken over is told: by how much sooner, and where (when named). */
export function takenOverNotice(takenOver: TripTakenOver, t: Translate): string {
  const time = minutes(takenOver.soonerSeconds);
  return takenOver.pickupName
    ? t('takeover.takenOver', { time, where: takenOver.pickupName })
    : t('takeover.takenOverUnnamed', { time });
}
