import { cachePolicy } from './cache-policy.js';

const ORIGIN = 'https://navette.example';
const policy = (path: string, origin = ORIGIN) => cachePolicy(new URL(path, origin), ORIGIN);

describe('the rider page’s service worker cache policy', () => {
  it('keeps the page, its hashed bundles, and what draws the map', () => {
    expect(policy('/')).toBe('page');
    expect(policy('/index.html')).toBe('page');
    expect(policy('/build/main-ABC123.js')).toBe('immutable');
    expect(policy('/map-style.json')).toBe('fresh');
    expect(policy('/map-style-dark.json')).toBe('fresh');
    expect(policy('/map/glyphs/Noto%20Sans%20Regular/0-255.pbf')).toBe('fresh');
    expect(policy('/api/config')).toBe('fresh');
    expect(policy('/api/territories')).toBe('fresh');
    expect(policy('/api/territories/4b0c2a52-7f7e-4c55-9a43-25e27e2f3bd1/places')).toBe('fresh');
  });

  it('leaves alone the other pages, personal data, the tiles archive and other hosts', () => {
    expect(policy('/driver/')).toBeNull();
    expect(policy('/driver/build/main-ABC.js')).toBeNull();
    expect(policy('/coordinate/')).toBeNull();
    expect(policy('/account/')).toBeNull();
    expect(policy('/api/rides')).toBeNull();
    expect(policy('/api/auth/login')).toBeNull();
    expect(policy('/map/tiles.pmtiles')).toBeNull();
    expect(policy('/build/main.js', 'https://elsewhere.example')).toBeNull();
  });
});
