import { catalogueFaults } from '@navette/web-kit';
import { detectLang, dictionaries, errorMessageKey, otherLang, translate } from './i18n.js';

describe('driver i18n', () => {
  it('speaks French to French browsers and English to everyone else', () => {
    expect(detectLang(['fr-BE'])).toBe('fr');
    expect(detectLang(['fi', 'sv-FI'])).toBe('en');
  });

  it('fills placeholders in both languages', () => {
    expect(translate('en', 'offer.expiresIn', { time: '0:30' })).toBe('Answer within 0:30');
    expect(translate('fr', 'offer.expiresIn', { time: '0:30' })).toBe('Répondez d’ici 0:30');
    expect(otherLang('fr')).toBe('en');
  });
});

describe('errorMessageKey', () => {
  it('explains some API error codes in the interface language, and leaves the others to the server', () => {
    expect(errorMessageKey('RATE_LIMITED')).toBe('error.RATE_LIMITED');
    expect(errorMessageKey('VALIDATION_FAILED')).toBeUndefined();
  });
});

describe('the driver app catalogue', () => {
  it('is complete in French and English, with the same placeholders, and has every key the kit shows', () => {
    expect(catalogueFaults(dictionaries)).toEqual([]);
  });
});
