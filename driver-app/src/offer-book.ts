import type { OfferView } from '@navette/contracts';

/**
 * The offers waiting for the driver's answer, one per id: an offer sent again after a reconnect
 * (`offers:resend`) or by the page's first load is not shown twice.
 */
export class OfferBook {
  private readonly offers = new Map<string, OfferView>();

  /** True when the offer is new. */
  add(offer: OfferView): boolean {
    const isNew = !this.offers.has(offer.id);
    this.offers.set(offer.id, offer);
    return isNew;
  }

  remove(offerId: string): boolean {
    return this.offers.delete(offerId);
  }

  /** Removes the offers past their expiry; returns their ids. */
  prune(nowMs: number): string[] {
    const gone = [...this.offers.values()].filter((o) => Date.parse(o.expiresAt) <= nowMs).map((o) => o.id);
    for (const id of gone) this.offers.delete(id);
    return gone;
  }

  clear(): void {
    this.offers.clear();
  }

  /** Soonest to expire first. */
  list(): OfferView[] {
    return [...this.offers.values()].sort((a, b) => a.expiresAt.localeCompare(b.expiresAt));
  }
}
