import {
  distanceMeters,
  formatDistance,
  formatMinutes,
  navigationLinks,
  parsePosition,
  positionFromQuery,
  reportEveryFromQuery,
} from './geo.js';

describe('geo helpers', () => {
  it('measures distances on the sphere', () => {
    // One degree of latitude is about 111.2 km.
    expect(distanceMeters([24.95, 60.0], [24.95, 61.0])).toBeCloseTo(111_195, -2);
    // At 60° north, one degree of longitude is half as long.
    expect(distanceMeters([24.0, 60.0], [25.0, 60.0])).toBeCloseTo(55_800, -3);
    expect(distanceMeters([24.95, 60.18], [24.95, 60.18])).toBe(0);
  });

  it('formats distances and durations', () => {
    expect(formatDistance(348, 'en')).toBe('350 m');
    expect(formatDistance(1234, 'en')).toBe('1.2 km');
    expect(formatDistance(1234, 'fr')).toBe('1,2 km');
    expect(formatMinutes(30)).toBe('1 min');
    expect(formatMinutes(400)).toBe('7 min');
  });

  it('reads a position from the query string, refusing nonsense', () => {
    expect(positionFromQuery('?lng=24.95&lat=60.18')).toEqual([24.95, 60.18]);
    expect(positionFromQuery('?lng=24.95')).toBeNull();
    expect(positionFromQuery('?lng=200&lat=60')).toBeNull();
    expect(positionFromQuery('?lng=abc&lat=60')).toBeNull();
    expect(parsePosition(' ', '60')).toBeNull();
  });

  it('hands a stop to the navigation app by geo: URI and OpenStreetMap directions', () => {
    const links = navigationLinks([24.9507, 60.1843], 'Kallion kirjasto');
    expect(links.geo).toBe('geo:60.184300,24.950700?q=60.184300,24.950700(Kallion%20kirjasto)');
    expect(links.osm).toBe(
      'https://www.openstreetmap.org/directions?to=60.184300%2C24.950700#map=17/60.18430/24.95070',
    );
  });

  it('reads a test cadence from the query string', () => {
    expect(reportEveryFromQuery('?reportEveryMs=100')).toEqual({
      minIntervalMs: 100,
      minMoveMeters: 50,
      heartbeatMs: 1200,
    });
    expect(reportEveryFromQuery('?reportEveryMs=10')).toBeNull();
    expect(reportEveryFromQuery('')).toBeNull();
  });
});
