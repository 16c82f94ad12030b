import { ConfigError, loadConfig } from './app-config.js';

const base = { DATABASE_URL: 'postgres://localhost/navette', REDIS_URL: 'redis://localhost' };

describe('geocoder configuration', () => {
  it('is absent without GEOCODER_URL', () => {
    expect(loadConfig(base).geocoder).toBeUndefined();
  });

  it('defaults to Photon and a 1.5 s timeout', () => {
    expect(loadConfig({ ...base, GEOCODER_URL: 'http://photon.local:2322' }).geocoder).toEqual({
      url: 'http://photon.local:2322',
      kind: 'photon',
      timeoutMs: 1500,
    });
    expect(
      loadConfig({
        ...base,
        GEOCODER_URL: 'https://nominatim.local/',
        GEOCODER_KIND: 'nominatim',
        GEOCODER_TIMEOUT_MS: '400',
      }).geocoder,
    ).toEqual({ url: 'https://nominatim.local/', kind: 'nominatim', timeoutMs: 400 });
  });

  it.each([
    [{ GEOCODER_URL: 'http://g', GEOCODER_KIND: 'google' }, /GEOCODER_KIND/],
    [{ GEOCODER_URL: 'ftp://g' }, /GEOCODER_URL/],
    [{ GEOCODER_URL: 'not a url' }, /GEOCODER_URL/],
    [{ GEOCODER_URL: 'http://g', GEOCODER_TIMEOUT_MS: '-1' }, /GEOCODER_TIMEOUT_MS/],
  ])('refuses %j at boot', (env, message) => {
    expect(() => loadConfig({ ...base, ...env })).toThrow(ConfigError);
    expect(() => loadConfig({ ...base, ...env })).toThrow(message);
  });
});
