import { loadOfferAlerts, saveOfferAlerts } from './offer-alert.js';

describe('the offer alert setting', () => {
  it('is on until the driver turns it off, and remembered', () => {
    const kept = new Map<string, string>();
    const storage = {
      getItem: (key: string) => kept.get(key) ?? null,
      setItem: (key: string, value: string) => void kept.set(key, value),
    };
    expect(loadOfferAlerts(storage)).toBe(true);
    saveOfferAlerts(false, storage);
    expect(loadOfferAlerts(storage)).toBe(false);
    saveOfferAlerts(true, storage);
    expect(loadOfferAlerts(storage)).toBe(true);
  });
});
