import type {
  ErrorBody,
  LngLat,
  OfferView,
  PlaceSearchHit,
  PlaceView,
  ReverseLookupView,
  RideView,
  RouteView,
  SnapPreview,
  TerritoryCollection,
  TripView,
} from '@navette/contracts';
import { FakeGeocoder, photonFeature } from './fake-geocoder.js';
import { Fixtures } from './fixtures.js';
import { aDriverOnShift, client, login, nextEvent, startStack, type Stack } from './stack.js';

type Http = ReturnType<typeof client>;

/** Real positions of demo places (infra/seeds/helsinki-places.ts). */
const KALLION_KIRJASTO: LngLat = [24.9506, 60.1843];
const KAMPIN_KESKUS: LngLat = [24.932, 60.169];
const KARHUPUISTO_STOP: LngLat = [24.9517, 60.1836];
const KALASATAMA: LngLat = [24.9772, 60.1874];
const HAKANIEMI: LngLat = [24.951, 60.1788];
/** In Kallio, more than 150 m from every demo place. */
const KALLIO_AWAY_FROM_PLACES: LngLat = [24.9405, 60.1925];

const names = (hits: PlaceSearchHit[]) => hits.map((h) => h.name);
const at = ([lng, lat]: LngLat) => `${lng},${lat}`;

describe('places: search, reverse lookup, snapping, coordinators’ changes', () => {
  let stack: Stack;
  let fixtures: Fixtures;
  let geocoder: FakeGeocoder;
  let territoryId: Map<string, string>;
  let rider: Http;
  let cora: Http;
  let rauni: Http;
  let admin: Http;
  let otherCoordinator: Http;
  let anonymous: Http;
  let parisId: string;

  const as = async (email: string, password = 'navette-demo') =>
    client(stack.baseUrl, (await login(stack.baseUrl, email, password)).token);
  const expectField = (response: { status: number; body: unknown }, field: string) => {
    expect({ status: response.status, field: (response.body as ErrorBody).field }).toEqual({
      status: 400,
      field,
    });
  };

  beforeAll(async () => {
    geocoder = await FakeGeocoder.start();
    stack = await startStack({
      demo: true,
      geocoder: { url: geocoder.url, kind: 'photon', timeoutMs: 1000 },
    });
    fixtures = Fixtures.open(stack.databaseUrl);
    const territories = (await (
      await fetch(`${stack.baseUrl}/api/territories`)
    ).json()) as TerritoryCollection;
    territoryId = new Map(territories.features.map((f) => [f.properties.name, f.properties.id]));
    rider = await as('alice@demo.navette.org');
    cora = await as('cora@demo.navette.org');
    rauni = await as('rauni@demo.navette.org');
    admin = await as('admin@demo.navette.org');
    parisId = await fixtures.aTerritory({ name: 'Paris', level: 'town', centre: [2.35, 48.85], half: 0.1 });
    const parisian = await fixtures.aMember('coordinator', { coordinates: [parisId] });
    otherCoordinator = await as(parisian.email, parisian.password);
    anonymous = client(stack.baseUrl);
  }, 120_000);

  afterAll(async () => {
    await fixtures?.close();
    await stack?.stop();
    await geocoder?.stop();
  });

  beforeEach(() => {
    geocoder.answers = {};
  });

  const search = async (query: string) => {
    const response = await rider.get<PlaceSearchHit[]>(`/api/places/search?${query}`);
    expect(response.status).toBe(200);
    return response.body;
  };
  const reverse = async (point: LngLat) => {
    const response = await rider.get<ReverseLookupView>(`/api/places/reverse?at=${at(point)}`);
    expect(response.status).toBe(200);
    return response.body;
  };

  describe('search', () => {
    it('forgives a typo: "kalio" finds the Kallio places', async () => {
      const hits = await search('q=kalio');
      expect(names(hits).slice(0, 2).sort()).toEqual(['Kallion kirjasto', 'Kallion virastotalo']);
      expect(hits[0]).toMatchObject({ source: 'place', detail: 'Kallio', placeId: expect.any(String) });
    });

    it('ignores accents and case: "TOOLO" finds Töölö', async () => {
      expect(names(await search('q=TOOLO'))).toEqual(
        expect.arrayContaining(['Töölön terveysasema', 'Töölön kirjasto', 'Töölöntori']),
      );
    });

    it('puts the places nearest `near`, or the centre of the map view, first among equal matches', async () => {
      expect(names(await search(`q=metroasema&near=${at(KALASATAMA)}`))[0]).toBe('Kalasataman metroasema');
      expect(names(await search(`q=metroasema&near=${at(HAKANIEMI)}`))[0]).toBe('Hakaniemen metroasema');
      const aroundHakaniemi = [
        HAKANIEMI[0] - 0.01,
        HAKANIEMI[1] - 0.005,
        HAKANIEMI[0] + 0.01,
        HAKANIEMI[1] + 0.005,
      ];
      expect(names(await search(`q=metroasema&bbox=${aroundHakaniemi.join(',')}`))[0]).toBe(
        'Hakaniemen metroasema',
      );
      expect(await search('q=metroasema&limit=2')).toHaveLength(2);
    });

    it('adds the geocoder’s addresses after the places', async () => {
      geocoder.answers = {
        search: {
          type: 'FeatureCollection',
          features: [
            photonFeature([24.9489, 60.1853], {
              street: 'Fleminginkatu',
              housenumber: '5',
              district: 'Kallio',
              city: 'Helsinki',
            }),
          ],
        },
      };
      const hits = await search(`q=kallio&near=${at(KALLION_KIRJASTO)}`);
      expect(hits.at(-1)).toEqual({
        source: 'geocoder',
        name: 'Fleminginkatu 5',
        detail: 'Kallio, Helsinki',
        kind: 'address',
        position: [24.9489, 60.1853],
        placeId: null,
      });
      expect(hits.slice(0, -1).every((h) => h.source === 'place')).toBe(true);
      const asked = geocoder.requests.at(-1)!;
      expect([asked.pathname, asked.searchParams.get('q'), asked.searchParams.get('lat')]).toEqual([
        '/api',
        'kallio',
        String(KALLION_KIRJASTO[1]),
      ]);
    });

    it('answers with the places alone when the geocoder is too slow', async () => {
      geocoder.answers = {
        delayMs: 5000,
        search: { type: 'FeatureCollection', features: [photonFeature([24.95, 60.18], { name: 'Late' })] },
      };
      const hits = await search('q=kalio');
      expect(hits.length).toBeGreaterThan(0);
      expect(hits.every((h) => h.source === 'place')).toBe(true);
    });

    it('takes %, _ and \\ as plain characters, and odd input as text', async () => {
      for (const query of ['%', '_', '\\', '%25_%5C', "k'; DROP TABLE places; --", '🚏', 'ä'.repeat(100)]) {
        expect(await search(`q=${encodeURIComponent(query)}`)).toEqual([]);
      }
    });

    it('is for signed-in members', async () => {
      expect((await anonymous.get('/api/places/search?q=kallio')).status).toBe(401);
    });
  });

  describe('reverse lookup: always a name', () => {
    it('near a place: the place', async () => {
      const named = await reverse([KALLION_KIRJASTO[0] + 0.0003, KALLION_KIRJASTO[1]]);
      expect(named).toMatchObject({ name: 'Kallion kirjasto', source: 'place', placeId: expect.any(String) });
      expect(named.distanceMeters).toBeGreaterThan(10);
      expect(named.distanceMeters).toBeLessThan(25);
    });

    it('far from every place, without a street from the geocoder: the neighbourhood', async () => {
      expect(await reverse(KALLIO_AWAY_FROM_PLACES)).toEqual({
        name: 'Kallio',
        source: 'territory',
        placeId: null,
        distanceMeters: null,
      });
    });

    it('far from every place, with Photon configured: the street and its district, no house number', async () => {
      geocoder.answers = {
        reverse: {
          type: 'FeatureCollection',
          features: [
            photonFeature([24.9406, 60.1926], {
              street: 'Vauhtitie',
              housenumber: '7',
              district: 'Kallio',
              city: 'Helsinki',
            }),
          ],
        },
      };
      expect(await reverse(KALLIO_AWAY_FROM_PLACES)).toEqual({
        name: 'Vauhtitie, Kallio',
        source: 'geocoder',
        placeId: null,
        distanceMeters: null,
      });
      const asked = geocoder.requests.at(-1)!;
      expect([asked.pathname, asked.searchParams.get('lon')]).toEqual([
        '/reverse',
        String(KALLIO_AWAY_FROM_PLACES[0]),
      ]);
    });
  });

  describe('malformed input: 400 naming the field', () => {
    it.each([
      ['/api/places/search', 'q'],
      ['/api/places/search?q=', 'q'],
      ['/api/places/search?q=%20%20', 'q'],
      [`/api/places/search?q=${'x'.repeat(101)}`, 'q'],
      ['/api/places/search?q=a&q=b', 'q'],
      ['/api/places/search?q=a%00b', 'q'],
      ['/api/places/search?q=a%0Ab', 'q'],
      ['/api/places/search?q=kallio&near=kallio', 'near'],
      ['/api/places/search?q=kallio&near=200,60', 'near'],
      ['/api/places/search?q=kallio&near=24.9,60.1,3', 'near'],
      ['/api/places/search?q=kallio&bbox=24,60,25', 'bbox'],
      ['/api/places/search?q=kallio&bbox=25,60,24,61', 'bbox'],
      ['/api/places/search?q=kallio&limit=0', 'limit'],
      ['/api/places/search?q=kallio&limit=21', 'limit'],
      ['/api/places/search?q=kallio&limit=two', 'limit'],
      ['/api/places/search?q=kallio&radius=3', 'radius'],
      ['/api/places/reverse', 'at'],
      ['/api/places/reverse?at=', 'at'],
      ['/api/places/reverse?at=24.95', 'at'],
      ['/api/places/reverse?at=24.95,95', 'at'],
      ['/api/places/snap?at=NaN,NaN', 'at'],
      ['/api/territories/not-a-uuid/places', 'id'],
    ])('GET %s → field %s', async (path, field) => {
      expectField(await rider.get(path), field);
    });

    it.each([
      [{ kind: 'stop', position: KALLION_KIRJASTO }, 'name'],
      [{ name: '  ', kind: 'stop', position: KALLION_KIRJASTO }, 'name'],
      [{ name: 'x'.repeat(121), kind: 'stop', position: KALLION_KIRJASTO }, 'name'],
      [{ name: 42, kind: 'stop', position: KALLION_KIRJASTO }, 'name'],
      [{ name: 'A\u0000B', kind: 'stop', position: KALLION_KIRJASTO }, 'name'],
      [{ name: 'A', kind: 'zoo', position: KALLION_KIRJASTO }, 'kind'],
      [{ name: 'A', position: KALLION_KIRJASTO }, 'kind'],
      [{ name: 'A', kind: 'stop' }, 'position'],
      [{ name: 'A', kind: 'stop', position: [200, 60] }, 'position'],
      [{ name: 'A', kind: 'stop', position: { type: 'Point', coordinates: KALLION_KIRJASTO } }, 'position'],
      [{ name: 'A', kind: 'stop', position: KAMPIN_KESKUS }, 'position'],
      [{ name: 'A', kind: 'stop', position: KALLION_KIRJASTO, colour: 'red' }, 'colour'],
    ])('POST a place %j → field %s', async (body, field) => {
      expectField(await cora.post(`/api/territories/${territoryId.get('Kallio')}/places`, body), field);
    });

    it('PATCH with null or a bad place id names the field', async () => {
      const kallio = territoryId.get('Kallio')!;
      const created = await cora.post<PlaceView>(`/api/territories/${kallio}/places`, {
        name: 'Validation corner',
        kind: 'other',
        position: [24.945, 60.186],
      });
      expect(created.status).toBe(201);
      for (const [body, field] of [
        [{ name: null }, 'name'],
        [{ kind: null }, 'kind'],
        [{ position: null }, 'position'],
        [{ position: KAMPIN_KESKUS }, 'position'],
      ] as const) {
        expectField(
          await cora.request('PATCH', `/api/territories/${kallio}/places/${created.body.id}`, body),
          field,
        );
      }
      expectField(
        await cora.request('PATCH', `/api/territories/${kallio}/places/nope`, { name: 'B' }),
        'placeId',
      );
      expectField(await cora.request('DELETE', `/api/territories/${kallio}/places/nope`), 'placeId');
    });
  });

  describe('coordinators add, rename, move and retire places', () => {
    it('within their territories and those nested in them; others are refused', async () => {
      const kallio = territoryId.get('Kallio')!;
      const path = `/api/territories/${kallio}/places`;
      const body = { name: 'Aleksis Kiven koulu', kind: 'school', position: [24.9462, 60.1874] };
      expect((await rider.post(path, body)).status).toBe(403);
      expect((await otherCoordinator.post(path, body)).status).toBe(403);
      expect((await anonymous.post(path, body)).status).toBe(401);
      expect((await cora.post(`/api/territories/${parisId}/places`, body)).status).toBe(403);
      expect(
        (await cora.post(`/api/territories/00000000-0000-4000-8000-000000000000/places`, body)).status,
      ).toBe(404);

      const added = await cora.post<PlaceView>(path, body);
      expect(added.status).toBe(201);
      expect(added.body).toEqual({
        id: expect.any(String),
        name: 'Aleksis Kiven koulu',
        kind: 'school',
        position: [24.9462, 60.1874],
        territoryId: kallio,
        retiredAt: null,
      });
      const duplicate = await rauni.post<ErrorBody>(path, { ...body, name: ' aleksis kiven KOULU ' });
      expect([duplicate.status, duplicate.body.code, duplicate.body.field]).toEqual([
        409,
        'CONFLICT',
        'name',
      ]);
      expect(names(await search('q=aleksis%20kiven'))).toContain('Aleksis Kiven koulu');

      const placePath = `${path}/${added.body.id}`;
      expect((await otherCoordinator.request('PATCH', placePath, { name: 'X' })).status).toBe(403);
      expect((await rider.request('DELETE', placePath)).status).toBe(403);
      // Rauni coordinates the region that contains Kallio.
      const renamed = await rauni.request<PlaceView>('PATCH', placePath, {
        name: 'Aleksis Kiven peruskoulu',
        position: [24.9436, 60.1902],
      });
      expect(renamed.status).toBe(200);
      expect(renamed.body).toMatchObject({
        name: 'Aleksis Kiven peruskoulu',
        kind: 'school',
        position: [24.9436, 60.1902],
      });
      expect((await reverse([24.9437, 60.1902])).name).toBe('Aleksis Kiven peruskoulu');

      const retired = await admin.request<PlaceView>('DELETE', placePath);
      expect(retired.status).toBe(200);
      expect(retired.body.retiredAt).not.toBeNull();
      expect(names(await search('q=aleksis%20kiven'))).not.toContain('Aleksis Kiven peruskoulu');
      expect((await reverse([24.9437, 60.1902])).source).not.toBe('place');
      // Kept for history, and no longer changed.
      expect((await rider.get('/api/territories/00000000-0000-4000-8000-000000000000/places')).status).toBe(
        404,
      );
      const listed = await rider.get<PlaceView[]>(path);
      expect(listed.body.find((p) => p.id === added.body.id)?.retiredAt).toBe(retired.body.retiredAt);
      expect((await cora.request('PATCH', placePath, { kind: 'other' })).status).toBe(409);
      // Its name is free again.
      expect((await cora.post(path, body)).status).toBe(201);
    });
  });

  describe('snapping pickups to stops (a territory rule)', () => {
    const nearKarhupuisto: LngLat = [24.9535, 60.1845]; // about 140 m from the stop

    it('is off by default; on, the preview shows the stop and the ride is created there', async () => {
      const kallio = territoryId.get('Kallio')!;
      const off = await rider.get<SnapPreview>(`/api/places/snap?at=${at(nearKarhupuisto)}`);
      expect(off.body).toMatchObject({ snapped: false, position: nearKarhupuisto, stop: null });

      const rule = await cora.request('PUT', `/api/territories/${kallio}`, {
        type: 'Feature',
        properties: { snapPickupToStopMeters: 300 },
      });
      expect(rule.status).toBe(200);
      expect(rule.body).toMatchObject({ properties: { snapPickupToStopMeters: 300 } });

      const preview = await rider.get<SnapPreview>(`/api/places/snap?at=${at(nearKarhupuisto)}`);
      expect(preview.body).toMatchObject({
        snapped: true,
        position: KARHUPUISTO_STOP,
        name: 'Karhupuisto',
        stop: { name: 'Karhupuisto', kind: 'stop' },
      });
      expect(preview.body.distanceMeters).toBeGreaterThan(100);
      expect(preview.body.distanceMeters).toBeLessThan(200);

      const bruno = await as('bruno@demo.navette.org');
      const ride = await bruno.post<RideView>('/api/rides', {
        pickup: { type: 'Point', coordinates: nearKarhupuisto },
        dropoff: { type: 'Point', coordinates: KAMPIN_KESKUS },
      });
      expect(ride.status).toBe(201);
      expect(ride.body.pickup.coordinates).toEqual(KARHUPUISTO_STOP);
      expect([ride.body.pickupName, ride.body.dropoffName]).toEqual(['Karhupuisto', 'Kampin keskus']);
      expect((await bruno.post(`/api/rides/${ride.body.id}/cancel`)).status).toBe(200);

      // Beyond the rule's distance, or in a territory without the rule, the pickup stays.
      const far = await rider.get<SnapPreview>(`/api/places/snap?at=${at(KALLIO_AWAY_FROM_PLACES)}`);
      expect(far.body).toMatchObject({ snapped: false, position: KALLIO_AWAY_FROM_PLACES, name: 'Kallio' });
      expectField(
        await cora.request('PUT', `/api/territories/${kallio}`, {
          type: 'Feature',
          properties: { snapPickupToStopMeters: 5 },
        }),
        'properties.snapPickupToStopMeters',
      );
      await cora.request('PUT', `/api/territories/${kallio}`, {
        type: 'Feature',
        properties: { snapPickupToStopMeters: null },
      });
    });
  });

  describe('rides, offers, trips and route stops carry names', () => {
    it('from the request to the driver’s stops', async () => {
      const driver = await aDriverOnShift(stack, fixtures, [24.951, 60.185]);
      try {
        const ines = await as('ines@demo.navette.org');
        const offered = nextEvent<OfferView>(driver.socket, 'offer:received');
        const ride = await ines.post<RideView>('/api/rides', {
          pickup: { type: 'Point', coordinates: [KALLION_KIRJASTO[0] + 0.0002, KALLION_KIRJASTO[1]] },
          dropoff: { type: 'Point', coordinates: KAMPIN_KESKUS },
        });
        expect(ride.status).toBe(201);
        expect([ride.body.pickupName, ride.body.dropoffName]).toEqual(['Kallion kirjasto', 'Kampin keskus']);
        expect((await ines.get<RideView>(`/api/rides/${ride.body.id}`)).body.pickupName).toBe(
          'Kallion kirjasto',
        );

        const offer = await offered;
        expect([offer.rideId, offer.pickupName, offer.dropoffName]).toEqual([
          ride.body.id,
          'Kallion kirjasto',
          'Kampin keskus',
        ]);
        expect((await driver.http.get<OfferView[]>('/api/offers/pending')).body[0]?.pickupName).toBe(
          'Kallion kirjasto',
        );
        const trip = await driver.http.post<TripView>(`/api/offers/${offer.id}/accept`);
        expect([trip.body.pickupName, trip.body.dropoffName]).toEqual(['Kallion kirjasto', 'Kampin keskus']);
        const route = await driver.http.get<RouteView>('/api/trips/route');
        expect(route.body.stops.map((s) => [s.type, s.name])).toEqual([
          ['pickup', 'Kallion kirjasto'],
          ['dropoff', 'Kampin keskus'],
        ]);
      } finally {
        driver.socket.close();
      }
    }, 60_000);
  });
});
