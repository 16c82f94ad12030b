import type { OfferView } from '@navette/contracts';
import { OfferBook } from './offer-book.js';

function offer(id: string, expiresAt: string): OfferView {
  return {
    id,
    rideId: `ride-${id}`,
    kind: 'ride',
    pickupArea: [24.95, 60.18],
    dropoffArea: [24.93, 60.17],
    pickupName: 'Kallion kirjasto',
    dropoffName: 'Kamppi',
    seats: 1,
    wheelchairPlaces: 0,
    approachMeters: 300,
    detourSeconds: 420,
    detourMeters: 2100,
    expiresAt,
  };
}

describe('OfferBook', () => {
  it('keeps one offer per id, soonest first', () => {
    const book = new OfferBook();
    expect(book.add(offer('b', '2025-06-01T10:01:00Z'))).toBe(true);
    expect(book.add(offer('a', '2025-06-01T10:00:30Z'))).toBe(true);
    expect(book.add(offer('b', '2025-06-01T10:01:00Z'))).toBe(false);
    expect(book.list().map((o) => o.id)).toEqual(['a', 'b']);
  });

  it('drops expired offers and answered ones', () => {
    const book = new OfferBook();
    book.add(offer('a', '2025-06-01T10:00:30Z'));
    book.add(offer('b', '2025-06-01T10:01:00Z'));
    expect(book.prune(Date.parse('2025-06-01T10:00:30Z'))).toEqual(['a']);
    expect(book.remove('b')).toBe(true);
    expect(book.remove('b')).toBe(false);
    expect(book.list()).toEqual([]);
  });
});
