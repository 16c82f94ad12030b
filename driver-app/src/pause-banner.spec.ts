import { translate } from './i18n.js';
import { pauseMessage } from './pause-banner.js';

describe('pauseMessage', () => {
  const now = Date.parse('2026-01-01T10:00:00Z');

  it('says nothing while available or off shift', () => {
    expect(pauseMessage(null, now)).toBeNull();
    expect(pauseMessage({ state: 'available' }, now)).toBeNull();
  });

  it('gives the end of a rest, and nothing once it passed', () => {
    const until = '2026-01-01T10:05:00.000Z';
    expect(pauseMessage({ state: 'paused', reason: 'resting', until }, now)).toEqual({
      key: 'pause.resting',
      until: new Date(until),
    });
    expect(pauseMessage({ state: 'paused', reason: 'resting', until }, Date.parse(until) + 1)).toBeNull();
  });

  it('names the other reasons, in both languages', () => {
    const message = pauseMessage({ state: 'paused', reason: 'position-stale' }, now)!;
    expect(message.key).toBe('pause.position-stale');
    expect(translate('fr', message.key)).toMatch(/position/);
    expect(translate('en', 'pause.resting', { time: '10:05' })).toBe(
      'Resting after a missed offer: offers resume at 10:05.',
    );
  });
});
