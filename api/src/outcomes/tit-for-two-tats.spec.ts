import { blocksPair } from './tit-for-two-tats.js';

describe('tit for two tats', () => {
  it('forgives one failure', () => {
    expect(blocksPair([false])).toBe(false);
    expect(blocksPair([false, true, false])).toBe(false);
  });

  it('blocks after two failures in a row', () => {
    expect(blocksPair([false, false])).toBe(true);
    expect(blocksPair([false, false, true])).toBe(true);
  });

  it('a success in between resets it', () => {
    expect(blocksPair([true, false, false])).toBe(false);
  });
});
