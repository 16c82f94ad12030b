import { carriesSecret, publicRoute } from './public-route.js';

const token = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJ-_01234';

describe('the account page’s public routes', () => {
  it('reads invitations, resets, registration and the forgotten password from the fragment', () => {
    expect(publicRoute(`#join/${token}`)).toEqual({ kind: 'join', token });
    expect(publicRoute(`#reset/${token}`)).toEqual({ kind: 'reset', token });
    expect(publicRoute('#register/7c0e0d3c-1b1a-4b4e-9e0f-3a3b3c3d3e3f')).toEqual({
      kind: 'register',
      territoryId: '7c0e0d3c-1b1a-4b4e-9e0f-3a3b3c3d3e3f',
    });
    expect(publicRoute('#forgot')).toEqual({ kind: 'forgot' });
    expect(carriesSecret(publicRoute(`#join/${token}`))).toBe(true);
    expect(carriesSecret(publicRoute('#forgot'))).toBe(false);
  });

  it('names no route for sections, malformed tokens or territories', () => {
    for (const hash of ['', '#trust', '#trust/vouch/ABCDE-12345', '#join/short', '#join/', '#register/x'])
      expect(publicRoute(hash)).toBeUndefined();
  });
});
