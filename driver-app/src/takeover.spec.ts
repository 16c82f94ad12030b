import type { Lang, MessageParams } from '@navette/web-kit';
import { translate, type MessageKey } from './i18n.js';
import { takenOverNotice, takeoverLine } from './takeover.js';

const speaking =
  (lang: Lang) =>
  (key: MessageKey, params?: MessageParams): string =>
    translate(lang, key, params);

describe('takeoverLine', () => {
  it('says by how many whole minutes the driver would be sooner, at least one', () => {
    const en = speaking('en');
    expect(takeoverLine({ takeover: { soonerSeconds: 250 } }, en)).toBe(
      'Takes over a pickup promised to another driver: you’d be there 4\u00a0min sooner.',
    );
    expect(takeoverLine({ takeover: { soonerSeconds: 20 } }, en)).toContain('there 1\u00a0min sooner');
    expect(takeoverLine({ takeover: { soonerSeconds: 89 } }, en)).toContain('there 1\u00a0min sooner');
    expect(takeoverLine({ takeover: { soonerSeconds: 90 } }, en)).toContain('there 2\u00a0min sooner');
    expect(takeoverLine({ takeover: { soonerSeconds: 250 } }, speaking('fr'))).toBe(
      'Reprend un départ promis à un·e autre conducteur·rice : vous y seriez 4\u00a0min plus tôt.',
    );
  });

  it('says nothing for an ordinary offer, from servers with or without takeovers', () => {
    expect(takeoverLine({ takeover: null }, speaking('en'))).toBe('');
    expect(takeoverLine({}, speaking('en'))).toBe('');
  });
});

describe('takenOverNotice', () => {
  it('names the pickup and how much sooner the other driver is', () => {
    const takenOver = { rideId: 'r', pickupName: 'Kallion kirjasto', soonerSeconds: 170 };
    expect(takenOverNotice(takenOver, speaking('en'))).toBe(
      'Another driver who can be there 3\u00a0min sooner took over the pickup at Kallion kirjasto. Your route is updated.',
    );
    expect(takenOverNotice(takenOver, speaking('fr'))).toBe(
      'Un·e autre conducteur·rice, qui peut y être 3\u00a0min plus tôt, a repris le départ à Kallion kirjasto. Votre trajet est mis à jour.',
    );
  });

  it('speaks of one of the pickups when the ride had no name', () => {
    expect(takenOverNotice({ rideId: 'r', pickupName: null, soonerSeconds: 30 }, speaking('en'))).toBe(
      'Another driver who can be there 1\u00a0min sooner took over one of your pickups. Your route is updated.',
    );
  });
});
