import { reachOf, type TerritoryChain } from './reach.js';

// Kallio ⊂ Helsinki ⊂ Uusimaa; Kamppi lends to Kallio after 300 s.
const chain: TerritoryChain = { ids: ['kallio', 'helsinki', 'uusimaa'], escalateAfterSeconds: [120, 600] };
const lending = [{ lenderId: 'kamppi', borrowerId: 'kallio', afterSeconds: 300 }];
const at = (...ids: string[]) => new Set(ids);

describe('subsidiarity and federation', () => {
  it('asks drivers of the smallest territory first', () => {
    expect(reachOf(chain, at('kallio', 'helsinki', 'uusimaa'), 0, lending)).toBe('local');
    expect(reachOf(chain, at('helsinki', 'uusimaa'), 0, lending)).toBeUndefined();
  });

  it('escalates to the parent after the territory’s wait limit, and further up later', () => {
    expect(reachOf(chain, at('helsinki', 'uusimaa'), 119, lending)).toBeUndefined();
    expect(reachOf(chain, at('helsinki', 'uusimaa'), 120, lending)).toBe('parent');
    expect(reachOf(chain, at('uusimaa'), 500, lending)).toBeUndefined();
    expect(reachOf(chain, at('uusimaa'), 720, lending)).toBe('parent');
  });

  it('asks neighbours that agreed to lend, after their delay', () => {
    expect(reachOf(chain, at('kamppi'), 299, lending)).toBeUndefined();
    expect(reachOf(chain, at('kamppi'), 300, lending)).toBe('neighbour');
    expect(reachOf(chain, at('toolo'), 10_000, lending)).toBeUndefined();
  });
});
