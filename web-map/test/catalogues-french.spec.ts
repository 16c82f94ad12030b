import { SAME_IN_FRENCH, untranslatedFaults } from '@navette/web-kit';
import { dictionaries as account } from '../account/src/i18n.js';
import { dictionaries as console } from '../console/src/i18n.js';
import { dictionaries as driver } from '../../driver-app/src/i18n.js';
import { dictionaries as map } from '../src/i18n.js';

const PAGES = { map, driver, console, account };

/**
 * Issue 10: "no English string left in the French pages". Every page's catalogue (`catalogueFaults`
 * checks that each is complete); here, that no French text is its English one, unless its words are
 * spelt the same in both languages (`SAME_IN_FRENCH`, kept short in the kit).
 */
describe('the French catalogues of every page', () => {
  it.each(Object.entries(PAGES))('%s has no English text left in French', (_page, dictionaries) => {
    expect(untranslatedFaults(dictionaries)).toEqual([]);
  });

  it('finds an English text left in French, and lets words the same in both languages through', () => {
    const faults = untranslatedFaults({
      en: { a: 'Sign in', b: 'Navette', c: 'Email', d: '{count} km', e: 'Navette – {name}', f: 'Code' },
      fr: { a: 'Sign in', b: 'Navette', c: 'Email', d: '{count} km', e: 'Navette – {name}', f: 'Code' },
    });
    expect(faults).toEqual(['fr: a is still English: "Sign in"']);
    expect(SAME_IN_FRENCH.has('navette')).toBe(true);
  });
});
