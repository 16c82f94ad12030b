import type { MatchExplanation } from '@navette/contracts';
import { WAIT_REASON_WORDS, languageOf, reasonText, waitReasons } from './wait-reasons.js';

const unserved = (reasons: string[]): MatchExplanation => ({
  stage: 'unserved',
  terms: [],
  total: 0,
  others: reasons.map((reason, i) => ({ vehicleId: `v${i}`, reason })),
});

describe('wait reasons', () => {
  it('counts the exclusions of the latest batch, commonest first, in words', () => {
    expect(waitReasons(unserved(['resting', 'trust-distance', 'resting']), ['busy'], 'en')).toEqual([
      { code: 'resting', drivers: 2, text: '2 driver(s) resting after missed offers' },
      { code: 'trust-distance', drivers: 1, text: '1 driver(s) beyond the rider’s trust distance' },
    ]);
  });

  it('when the engine considered nobody, says why the drivers on shift were unavailable', () => {
    expect(waitReasons(unserved([]), ['busy', 'not-connected', 'busy'], 'en')).toEqual([
      { code: 'busy', drivers: 2, text: '2 driver(s) busy with another ride' },
      { code: 'not-connected', drivers: 1, text: '1 driver(s) not connected' },
    ]);
  });

  it('says nobody was on shift when there was nobody', () => {
    expect(waitReasons(unserved([]), [], 'fr')).toEqual([
      { code: 'no-driver-on-shift', drivers: 0, text: 'aucun conducteur en service' },
    ]);
  });

  it('is empty before any unmatched batch', () => {
    expect(waitReasons(null, ['busy'], 'en')).toEqual([]);
  });

  it('words an unknown code generically, naming it', () => {
    expect(reasonText('weekly-limit', 1, 'en')).toBe('1 driver(s) excluded (weekly-limit)');
  });

  it('has the same codes in French and English', () => {
    expect(Object.keys(WAIT_REASON_WORDS.fr).sort()).toEqual(Object.keys(WAIT_REASON_WORDS.en).sort());
  });

  it('takes fr or en from Accept-Language, English otherwise', () => {
    expect(languageOf('fr-FR,fr;q=0.9,en;q=0.8')).toBe('fr');
    expect(languageOf('de-DE, en;q=0.5')).toBe('en');
    expect(languageOf('fi')).toBe('en');
    expect(languageOf(undefined)).toBe('en');
  });
});
