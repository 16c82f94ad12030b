import { rideIdOfToken, trackingToken } from './tracking-token.js';

const rideId = '0b7c2f4e-9a1d-4c3b-8e2f-5d6a7b8c9d0e';

describe('tracking tokens', () => {
  it('name their task under the secret that made them', () => {
    const token = trackingToken('secret-a', rideId);
    expect(token).toMatch(/^[0-9a-f]{32}[\w-]{22}$/);
    expect(rideIdOfToken('secret-a', token)).toBe(rideId);
  });

  it('are refused under another secret, altered, or malformed', () => {
    const token = trackingToken('secret-a', rideId);
    expect(rideIdOfToken('secret-b', token)).toBeUndefined();
    const altered = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
    expect(rideIdOfToken('secret-a', altered)).toBeUndefined();
    expect(rideIdOfToken('secret-a', `${rideId}`)).toBeUndefined();
    expect(rideIdOfToken('secret-a', '')).toBeUndefined();
  });
});
