import { catalogue, type MessageKey } from './i18n.js';
import { explanationLines, reasonWords, termWords, waitLines } from './explanation-words.js';
import type { MessageParams } from '@navette/web-kit';

const en = (key: MessageKey, params?: MessageParams) => catalogue.translate('en', key, params);
const fr = (key: MessageKey, params?: MessageParams) => catalogue.translate('fr', key, params);

describe('the engine’s reasons and terms in words', () => {
  it('words the community rules a volunteer knows', () => {
    expect(termWords({ name: 'trust', value: 2 }, en)).toBe('Trust distance 2: a friend of a friend');
    expect(termWords({ name: 'trust', value: 3 }, en)).toBe('Trust distance 3: linked through 2 people');
    expect(termWords({ name: 'trust', value: 5 }, en)).toBe('Not linked by trust (more than 4 steps)');
    expect(termWords({ name: 'reach', value: 0 }, en)).toBe('Local driver');
    expect(termWords({ name: 'reach', value: 2 }, fr)).toBe(
      'Conducteur·rice prêté·e par un territoire voisin',
    );
    expect(termWords({ name: 'zone-priority', value: 0.4 }, en)).toBe(
      'Zone served worse: 60% of rides served lately',
    );
    expect(termWords({ name: 'driver-load', value: 0.5 }, en)).toBe(
      'Has driven more than their share of the load',
    );
    expect(termWords({ name: 'travel', value: 300 }, en)).toBe('Adds about 5 min of driving');
    expect(termWords({ name: 'pickup-wait', value: 420 }, en)).toBe(
      'Adds about 7 min of waiting for pickup (all riders)',
    );
    expect(reasonWords('weekly-limit', en)).toBe('Weekly trip limit reached');
    expect(reasonWords('resting', fr)).toBe('En pause après des offres manquées');
    expect(reasonWords('a-new-engine-code', en)).toBe('Another reason (a-new-engine-code)');
  });

  it('counts drivers per reason, and weighs each term', () => {
    expect(
      waitLines(
        [
          { code: 'trust-distance', drivers: 2, text: '' },
          { code: 'resting', drivers: 1, text: '' },
          { code: 'no-driver-on-shift', drivers: 0, text: '' },
        ],
        en,
      ),
    ).toEqual([
      'Beyond the trust distance asked for (2 drivers)',
      'Resting after missed offers (1 driver)',
      'No driver on shift',
    ]);
    expect(waitLines([], en)).toEqual(['Not looked at by the engine yet']);
    expect(
      explanationLines(
        {
          stage: 'assignment',
          total: 0,
          others: [],
          terms: [
            { name: 'travel', value: 240, weight: 1 },
            { name: 'trust', value: 2, weight: 60 },
          ],
        },
        en,
      ),
    ).toEqual([
      { words: 'Adds about 4 min of driving', weighs: 240 },
      { words: 'Trust distance 2: a friend of a friend', weighs: 120 },
    ]);
  });
});
