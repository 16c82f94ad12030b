import { Geocoder } from '../src/places/geocoder.js';
import { FakeGeocoder, photonFeature } from './fake-geocoder.js';

/**
 * The geocoder adapter against a local fake server speaking Photon's and Nominatim's answers (the
 * shapes of their documented JSON), over real HTTP: the mapping, the query it sends, and that a
 * slow or broken geocoder yields nothing rather than an error.
 */
describe('the geocoder adapter', () => {
  let fake: FakeGeocoder;

  beforeAll(async () => {
    fake = await FakeGeocoder.start();
  });

  afterAll(async () => {
    await fake.stop();
  });

  beforeEach(() => {
    fake.answers = {};
    fake.requests.length = 0;
  });

  describe('Photon', () => {
    const photon = () => new Geocoder({ url: `${fake.url}/`, kind: 'photon', timeoutMs: 1000 });

    it('maps a search: named features by name, addresses as street and number, bad features skipped', async () => {
      fake.answers.search = {
        type: 'FeatureCollection',
        features: [
          photonFeature([24.9506, 60.1843], {
            osm_key: 'amenity',
            name: 'Kallion kirjasto',
            street: 'Viides linja',
            housenumber: '11',
            district: 'Kallio',
            city: 'Helsinki',
          }),
          photonFeature([24.9489, 60.1853], { street: 'Fleminginkatu', housenumber: '5', city: 'Helsinki' }),
          photonFeature([24.9, 95], { name: 'Off the globe' }),
          { type: 'Feature', properties: { name: 'No geometry' } },
          photonFeature([24.9, 60.1], {}),
        ],
      };
      expect(await photon().search('kallio', [24.95, 60.18], 5)).toEqual([
        { name: 'Kallion kirjasto', detail: 'Kallio, Helsinki', position: [24.9506, 60.1843] },
        { name: 'Fleminginkatu 5', detail: 'Helsinki', position: [24.9489, 60.1853] },
      ]);
      const asked = fake.requests[0]!;
      expect(asked.pathname).toBe('/api');
      expect(Object.fromEntries(asked.searchParams)).toEqual({
        q: 'kallio',
        limit: '5',
        lon: '24.95',
        lat: '60.18',
      });
    });

    it('names a point by its street and district, never the house number', async () => {
      fake.answers.reverse = {
        type: 'FeatureCollection',
        features: [
          photonFeature([24.95, 60.18], { street: 'Fleminginkatu', housenumber: '5', district: 'Kallio' }),
        ],
      };
      expect(await photon().street([24.95, 60.18])).toBe('Fleminginkatu, Kallio');
      fake.answers.reverse = {
        type: 'FeatureCollection',
        features: [photonFeature([24.95, 60.18], { osm_key: 'highway', name: 'Hämeentie' })],
      };
      expect(await photon().street([24.95, 60.18])).toBe('Hämeentie');
      fake.answers.reverse = {
        type: 'FeatureCollection',
        features: [photonFeature([24.95, 60.18], { name: 'Park' })],
      };
      expect(await photon().street([24.95, 60.18])).toBeNull();
      expect(fake.requests.map((r) => r.pathname)).toEqual(['/reverse', '/reverse', '/reverse']);
    });
  });

  describe('Nominatim', () => {
    const nominatim = () => new Geocoder({ url: fake.url, kind: 'nominatim', timeoutMs: 1000 });

    it('maps a search (jsonv2 with address details): coordinates are strings there', async () => {
      fake.answers.search = [
        {
          lat: '60.1843',
          lon: '24.9506',
          name: 'Kallion kirjasto',
          display_name: 'Kallion kirjasto, 11, Viides linja, Kallio, Helsinki, Finland',
          address: { road: 'Viides linja', house_number: '11', suburb: 'Kallio', city: 'Helsinki' },
        },
        {
          lat: '60.1853',
          lon: '24.9489',
          name: '',
          display_name: '5, Fleminginkatu, Kallio, Helsinki, Finland',
          address: { road: 'Fleminginkatu', house_number: '5', suburb: 'Kallio', city: 'Helsinki' },
        },
        { lat: 'north', lon: '24.9', name: 'Broken' },
      ];
      expect(await nominatim().search('kallio', [24.95, 60.18], 5)).toEqual([
        { name: 'Kallion kirjasto', detail: 'Kallio, Helsinki', position: [24.9506, 60.1843] },
        { name: 'Fleminginkatu 5', detail: 'Kallio, Helsinki', position: [24.9489, 60.1853] },
      ]);
      const asked = fake.requests[0]!;
      expect([asked.pathname, asked.searchParams.get('format'), asked.searchParams.get('q')]).toEqual([
        '/search',
        'jsonv2',
        'kallio',
      ]);
      expect(asked.searchParams.get('viewbox')).toBe('24.80000,60.26000,25.10000,60.10000');
    });

    it('names a point by its road and suburb', async () => {
      fake.answers.reverse = {
        lat: '60.18',
        lon: '24.95',
        display_name: '5, Fleminginkatu, Kallio, Helsinki',
        address: { road: 'Fleminginkatu', house_number: '5', suburb: 'Kallio', city: 'Helsinki' },
      };
      expect(await nominatim().street([24.95, 60.18])).toBe('Fleminginkatu, Kallio');
      fake.answers.reverse = { error: 'Unable to geocode' };
      expect(await nominatim().street([24.95, 60.18])).toBeNull();
      expect(fake.requests[0]?.searchParams.get('format')).toBe('jsonv2');
    });
  });

  it('gives nothing, without failing, when the geocoder is slower than the timeout, errs or is gone', async () => {
    const quick = new Geocoder({ url: fake.url, kind: 'photon', timeoutMs: 200 });
    fake.answers = {
      delayMs: 3000,
      search: { type: 'FeatureCollection', features: [photonFeature([24.95, 60.18], { name: 'Late' })] },
      reverse: { type: 'FeatureCollection', features: [photonFeature([24.95, 60.18], { street: 'Late' })] },
    };
    expect(await quick.search('late', null, 5)).toEqual([]);
    expect(await quick.street([24.95, 60.18])).toBeNull();

    fake.answers = {}; // 404 for everything
    expect(await quick.search('kallio', null, 5)).toEqual([]);
    fake.answers = { search: 'not a feature collection' };
    expect(await quick.search('kallio', null, 5)).toEqual([]);

    const gone = new Geocoder({ url: 'http://127.0.0.1:9', kind: 'nominatim', timeoutMs: 500 });
    expect(await gone.search('kallio', null, 5)).toEqual([]);
    expect(await gone.street([24.95, 60.18])).toBeNull();
  });
});
