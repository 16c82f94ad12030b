import { catalogueFaults, defineCatalogue, detectLang, KIT_MESSAGE_KEYS, otherLang } from './i18n.js';

const kit = Object.fromEntries(KIT_MESSAGE_KEYS.map((key) => [key, key]));

describe('defineCatalogue', () => {
  const catalogue = defineCatalogue({
    en: { ...kit, 'ride.driver': 'Driver: {name}', 'error.RATE_LIMITED': 'Too many' },
    fr: { ...kit, 'ride.driver': 'Conducteur·rice : {name}', 'error.RATE_LIMITED': 'Trop' },
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(catalogue.translate('fr', 'ride.driver', { name: 'Dan' })).toBe('Conducteur·rice : Dan');
    expect(catalogue.translate('en', 'ride.driver')).toBe('Driver: {name}');
  });

  it('explains only the error codes the catalogue has', () => {
    expect(catalogue.errorMessageKey('RATE_LIMITED')).toBe('error.RATE_LIMITED');
    expect(catalogue.errorMessageKey('VALIDATION_FAILED')).toBeUndefined();
  });
});

describe('detectLang and otherLang', () => {
  it('takes the first preferred language we speak, English otherwise', () => {
    expect(detectLang(['de-DE', 'fr-CA', 'en'])).toBe('fr');
    expect(detectLang(['fi', 'sv'])).toBe('en');
    expect(otherLang('fr')).toBe('en');
  });
});

describe('catalogueFaults', () => {
  it('finds nothing in a complete catalogue', () => {
    expect(catalogueFaults({ en: { ...kit, a: 'A {x}' }, fr: { ...kit, a: 'Â {x}' } })).toEqual([]);
  });

  it('names a missing or blank text, other placeholders, and a missing kit key', () => {
    const { 'login.title': _dropped, ...withoutTitle } = kit;
    expect(
      catalogueFaults({
        en: { ...kit, a: 'A {x}', b: 'B', c: 'C' },
        fr: { ...withoutTitle, a: 'Â {y}', b: ' ' },
      }),
    ).toEqual([
      'fr: login.title is missing or empty',
      'fr: a has other placeholders than en',
      'fr: b is missing or empty',
      'fr: c is missing or empty',
    ]);
  });
});
