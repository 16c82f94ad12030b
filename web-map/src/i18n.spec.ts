import { catalogueFaults } from '@navette/web-kit';
import { detectLang, dictionaries, errorMessageKey, otherLang, translate } from './i18n.js';

describe('detectLang', () => {
  it('takes the first preferred language we speak', () => {
    expect(detectLang(['fr-CA', 'en-US'])).toBe('fr');
    expect(detectLang(['de-DE', 'en-GB', 'fr'])).toBe('en');
    expect(detectLang(['FR'])).toBe('fr');
  });

  it('falls back to English', () => {
    expect(detectLang([])).toBe('en');
    expect(detectLang(['fi-FI', 'sv'])).toBe('en');
  });
});

describe('translate', () => {
  it('fills placeholders', () => {
    expect(translate('en', 'ride.driver', { name: 'Dan' })).toBe('Driver: Dan');
    expect(translate('fr', 'coordinator.liveDrivers', { count: 3 })).toBe(
      'Conducteur·rices sur la carte : 3',
    );
  });

  it('leaves unknown placeholders visible rather than printing undefined', () => {
    expect(translate('en', 'ride.driver')).toBe('Driver: {name}');
  });

  it('toggles between the two languages', () => {
    expect(otherLang('en')).toBe('fr');
    expect(otherLang('fr')).toBe('en');
  });
});

describe('errorMessageKey', () => {
  it('explains some API error codes in the interface language, and leaves the others to the server', () => {
    expect(errorMessageKey('RATE_LIMITED')).toBe('error.RATE_LIMITED');
    expect(errorMessageKey('VALIDATION_FAILED')).toBeUndefined();
  });
});

describe('the web map catalogue', () => {
  it('is complete in French and English, with the same placeholders, and has every key the kit shows', () => {
    expect(catalogueFaults(dictionaries)).toEqual([]);
  });
});
