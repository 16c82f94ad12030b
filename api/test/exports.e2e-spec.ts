import type { ErrorBody } from '@navette/contracts';
import { strFromU8, unzipSync } from 'fflate';
import { request as httpRequest } from 'node:http';
import {
  flexProblems,
  pickupWindows,
  readFlexFeed,
  serviceDayStart,
  type FlexFeed,
} from '../../infra/interop/gtfs-flex-checker.js';
import { Fixtures } from './fixtures.js';
import { client, login, startStack, STACK_PUBLIC_URL, type Stack } from './stack.js';
import { RideFixtures } from './territory-fixtures.js';
import { VALUEFLOWS_MAX_REQUESTS } from '../src/exports/export.repository.js';

type Http = ReturnType<typeof client>;
type Node = Record<string, unknown> & { '@id': string; '@type': string };

/** Parses a GTFS CSV file: header and rows as records. */
function csv(text: string): { header: string[]; rows: Record<string, string>[] } {
  const [head, ...lines] = text.trim().split('\n');
  const header = head!.split(',');
  // The test's data has no quoted commas in the columns it reads.
  const rows = lines.map((line) =>
    Object.fromEntries(line.split(',').map((v, i): [string, string] => [header[i] ?? String(i), v])),
  );
  return { header, rows };
}

describe('exports: GTFS-Flex and ValueFlows', () => {
  let stack: Stack;
  let fixtures: Fixtures;
  let rides: RideFixtures;
  let regionId: string;
  let townId: string;
  let neighbourhoodId: string;
  let otherId: string;
  let coordinator: Http;
  let regionCoordinator: Http;
  let otherCoordinator: Http;
  let idleCoordinator: Http;
  let riderHttp: Http;
  let admin: Http;
  let anonymous: Http;
  let riderId: string;
  let driverId: string;

  const as = async (member: { email: string; password: string }) =>
    client(stack.baseUrl, (await login(stack.baseUrl, member.email, member.password)).token);

  beforeAll(async () => {
    stack = await startStack({ dispatcher: false });
    fixtures = Fixtures.open(stack.databaseUrl);
    rides = new RideFixtures(fixtures.db);
    regionId = await fixtures.aTerritory({ name: 'Uusimaa', level: 'region', half: 0.3 });
    townId = await fixtures.aTerritory({ name: 'Helsinki', level: 'town', half: 0.05, parentId: regionId });
    neighbourhoodId = await fixtures.aTerritory({
      name: 'Kallio',
      level: 'neighbourhood',
      half: 0.01,
      parentId: townId,
    });
    otherId = await fixtures.aTerritory({ name: 'Paris', centre: [2.35, 48.85], half: 0.1 });
    await fixtures.db.query(
      `UPDATE territories SET service_hours = int4range(420, 1320), timezone = 'Europe/Helsinki' WHERE id = $1`,
      [townId],
    );
    coordinator = await as(await fixtures.aMember('coordinator', { coordinates: [townId] }));
    regionCoordinator = await as(await fixtures.aMember('coordinator', { coordinates: [regionId] }));
    otherCoordinator = await as(await fixtures.aMember('coordinator', { coordinates: [otherId] }));
    idleCoordinator = await as(await fixtures.aMember('coordinator'));
    admin = await as(await fixtures.aMember('admin'));
    const rider = await fixtures.aMember('rider');
    riderId = rider.id;
    riderHttp = await as(rider);
    anonymous = client(stack.baseUrl);
    const driver = await fixtures.aDriver();
    driverId = driver.id;
    await rides.aCompletedTrip(driver, neighbourhoodId, [
      {
        riderId,
        seats: 2,
        pickedUpAt: new Date('2025-03-01T10:00:00Z'),
        completedAt: new Date('2025-03-01T10:30:00Z'),
      },
      {
        riderId,
        kind: 'task',
        pickedUpAt: new Date('2025-03-01T10:10:00Z'),
        completedAt: new Date('2025-03-01T10:40:00Z'),
      },
    ]);
    await rides.anAssignedRide(await fixtures.aDriver(), townId, { riderId });
    // Elsewhere than the assigned ride: a rider has one open ride per trip.
    await rides.anOpenRide(townId, { riderId, at: [24.96, 60.19] });
    await rides.anOpenRide(otherId, { riderId, at: [2.35, 48.85] });
  });

  afterAll(async () => {
    await fixtures.close();
    await stack.stop();
  });

  describe('GET /api/territories/:id/gtfs-flex.zip', () => {
    let files: Record<string, string>;
    let feed: FlexFeed;

    beforeAll(async () => {
      const response = await fetch(`${stack.baseUrl}/api/territories/${townId}/gtfs-flex.zip`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('application/zip');
      const zip = new Uint8Array(await response.arrayBuffer());
      const entries = unzipSync(zip);
      files = Object.fromEntries(Object.entries(entries).map(([name, bytes]) => [name, strFromU8(bytes)]));
      feed = readFlexFeed(zip);
    });

    it('holds the files a GTFS-Flex feed needs', () => {
      expect(Object.keys(files).sort()).toEqual([
        'agency.txt',
        'booking_rules.txt',
        'calendar.txt',
        'feed_info.txt',
        'locations.geojson',
        'routes.txt',
        'stop_times.txt',
        'trips.txt',
      ]);
    });

    it.each([
      ['agency.txt', ['agency_name', 'agency_url', 'agency_timezone']],
      ['routes.txt', ['route_id', 'route_type']],
      ['trips.txt', ['route_id', 'service_id', 'trip_id']],
      [
        'calendar.txt',
        [
          'service_id',
          'monday',
          'tuesday',
          'wednesday',
          'thursday',
          'friday',
          'saturday',
          'sunday',
          'start_date',
          'end_date',
        ],
      ],
      [
        'stop_times.txt',
        [
          'trip_id',
          'stop_sequence',
          'location_id',
          'start_pickup_drop_off_window',
          'end_pickup_drop_off_window',
          'pickup_type',
          'drop_off_type',
          'pickup_booking_rule_id',
        ],
      ],
      ['booking_rules.txt', ['booking_rule_id', 'booking_type']],
    ])('%s has its required columns, each filled', (name, required) => {
      const { header, rows } = csv(files[name]!);
      expect(header).toEqual(expect.arrayContaining(required));
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) {
        for (const column of required.filter((c) => !c.endsWith('booking_rule_id'))) {
          expect(row[column]).not.toBe('');
        }
      }
    });

    it('agency, routes and trips hang together; the time zone is the territory’s', () => {
      const agency = csv(files['agency.txt']!).rows[0]!;
      expect(agency.agency_timezone).toBe('Europe/Helsinki');
      expect(agency.agency_url).toBe(STACK_PUBLIC_URL);
      const routes = new Set(csv(files['routes.txt']!).rows.map((r) => r.route_id));
      const services = new Set(csv(files['calendar.txt']!).rows.map((r) => r.service_id));
      for (const trip of csv(files['trips.txt']!).rows) {
        expect(routes.has(trip.route_id)).toBe(true);
        expect(services.has(trip.service_id)).toBe(true);
      }
    });

    it('booking rules follow the spec’s conditions', () => {
      for (const rule of csv(files['booking_rules.txt']!).rows) {
        expect(['0', '1', '2']).toContain(rule.booking_type);
        if (rule.booking_type === '1') expect(rule.prior_notice_duration_min).toMatch(/^\d+$/);
        else expect(rule.prior_notice_duration_min ?? '').toBe('');
        if (rule.booking_type !== '1') expect(rule.prior_notice_duration_max ?? '').toBe('');
      }
    });

    it('stop times: windows without fixed times, arranged pickups, known locations, trips and rules', () => {
      const locations = new Set(
        (JSON.parse(files['locations.geojson']!) as { features: { id: string }[] }).features.map((f) => f.id),
      );
      const trips = new Set(csv(files['trips.txt']!).rows.map((r) => r.trip_id));
      const rules = new Set(csv(files['booking_rules.txt']!).rows.map((r) => r.booking_rule_id));
      const { header, rows } = csv(files['stop_times.txt']!);
      expect(header).not.toContain('arrival_time');
      expect(header).not.toContain('departure_time');
      for (const row of rows) {
        expect(trips.has(row.trip_id)).toBe(true);
        expect(locations.has(row.location_id!)).toBe(true);
        expect(row.start_pickup_drop_off_window).toMatch(/^\d\d:\d\d:\d\d$/);
        expect(row.end_pickup_drop_off_window! > row.start_pickup_drop_off_window!).toBe(true);
        // 0 (regular) is forbidden with windows; 3 (coordinate with driver) for pickups too.
        expect(['1', '2']).toContain(row.pickup_type);
        expect(['1', '2']).toContain(row.drop_off_type);
        if (row.pickup_type === '2') expect(rules.has(row.pickup_booking_rule_id)).toBe(true);
        if (row.drop_off_type === '2') expect(rules.has(row.drop_off_booking_rule_id)).toBe(true);
      }
      const town = rows.filter((r) => r.location_id === townId);
      expect(town.map((r) => [r.start_pickup_drop_off_window, r.end_pickup_drop_off_window])).toEqual([
        ['07:00:00', '22:00:00'],
        ['07:00:00', '22:00:00'],
      ]);
    });

    // The consumer is infra/interop/gtfs-flex-checker.ts, written for this: node-gtfs needs the
    // native better-sqlite3 (a downloaded binary, Node 22) — see infra/adr/0019.
    it('a GTFS-Flex consumer reads it without a problem', () => {
      expect(flexProblems(feed)).toEqual([]);
    });

    it('service hours stay right every day of the calendar, across both daylight-saving changes', () => {
      // Kallio keeps the fixture's UTC and runs all day; the feed is in Helsinki time, an hour
      // further from UTC in summer than in winter. Helsinki runs 07:00–22:00 Helsinki time.
      const calendar = csv(files['calendar.txt']!).rows;
      const first = calendar.map((c) => c.start_date!).sort()[0]!;
      const last = calendar
        .map((c) => c.end_date!)
        .sort()
        .at(-1)!;
      const days: string[] = [];
      for (let d = new Date(`${first.slice(0, 4)}-${first.slice(4, 6)}-${first.slice(6)}T00:00:00Z`); ;) {
        const date = d.toISOString().slice(0, 10).replace(/-/g, '');
        if (date > last) break;
        days.push(date);
        d = new Date(d.getTime() + 86_400_000);
      }
      expect(days.length).toBeGreaterThanOrEqual(365);
      const offsets = new Set<number>();
      const wrong: string[] = [];
      for (const date of days.slice(1, -1)) {
        const utcDay = serviceDayStart(date, 'Etc/UTC').getTime();
        const kallio = pickupWindows(feed, neighbourhoodId, date).map((w) => w.map((t) => t.getTime()));
        if (JSON.stringify(kallio) !== JSON.stringify([[utcDay, utcDay + 86_400_000]]))
          wrong.push(`Kallio ${date}`);
        const helsinkiDay = serviceDayStart(date, 'Europe/Helsinki').getTime();
        offsets.add(utcDay - helsinkiDay);
        const town = pickupWindows(feed, townId, date).map((w) => w.map((t) => t.getTime()));
        if (
          JSON.stringify(town) !== JSON.stringify([[helsinkiDay + 420 * 60_000, helsinkiDay + 1320 * 60_000]])
        )
          wrong.push(`Helsinki ${date}`);
      }
      expect(offsets.size).toBe(2); // the calendar does cross a daylight-saving change
      expect(wrong).toEqual([]);
    });

    it('booking rules name a way to book, and every one is used', () => {
      const rules = csv(files['booking_rules.txt']!).rows;
      const used = new Set(
        csv(files['stop_times.txt']!).rows.flatMap((r) => [
          r.pickup_booking_rule_id,
          r.drop_off_booking_rule_id,
        ]),
      );
      for (const rule of rules) {
        expect(used.has(rule.booking_rule_id)).toBe(true);
        expect(rule.booking_url || rule.phone_number).toBeTruthy();
      }
      expect(rules.map((r) => r.booking_url)).toContain(STACK_PUBLIC_URL);
    });

    it('feed_info names the publisher and the dates the feed covers', () => {
      const [info] = csv(files['feed_info.txt']!).rows;
      expect(info).toMatchObject({ feed_publisher_url: STACK_PUBLIC_URL, feed_lang: 'en' });
      expect(info!.feed_start_date).toMatch(/^\d{8}$/);
      expect(info!.feed_end_date! > info!.feed_start_date!).toBe(true);
    });

    it('a planted Host header changes no URL in the public, cacheable feed', async () => {
      const { port } = new URL(stack.baseUrl);
      const zip = await new Promise<Uint8Array>((resolve, reject) => {
        const req = httpRequest(
          {
            host: '127.0.0.1',
            port,
            path: `/api/territories/${townId}/gtfs-flex.zip`,
            headers: { host: 'evil.example', 'x-forwarded-host': 'evil.example' },
          },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
          },
        );
        req.on('error', reject);
        req.end();
      });
      const planted = readFlexFeed(zip);
      expect(JSON.stringify(planted.files)).not.toContain('evil.example');
      expect(planted.tables.agency![0]!.agency_url).toBe(STACK_PUBLIC_URL);
    });

    it('locations.geojson: the territory and its descendants, each with its own geometry', async () => {
      const locations = JSON.parse(files['locations.geojson']!) as {
        type: string;
        features: {
          type: string;
          id: string;
          properties: { stop_name?: string };
          geometry: { type: string };
        }[];
      };
      expect(locations.type).toBe('FeatureCollection');
      expect(locations.features.map((f) => f.id).sort()).toEqual([townId, neighbourhoodId].sort());
      for (const feature of locations.features) {
        expect(feature.type).toBe('Feature');
        expect(typeof feature.properties).toBe('object');
        expect(['Polygon', 'MultiPolygon']).toContain(feature.geometry.type);
        const same = await fixtures.db.query<{ distance: number }>(
          `SELECT ST_HausdorffDistance(area, ST_SetSRID(ST_GeomFromGeoJSON($2), 4326)) AS distance
             FROM territories WHERE id = $1`,
          [feature.id, JSON.stringify(feature.geometry)],
        );
        expect(same.rows[0]!.distance).toBeLessThan(1e-6);
      }
    });

    it('is public; an unknown territory is 404, a bad id 400', async () => {
      expect((await fetch(`${stack.baseUrl}/api/territories/${otherId}/gtfs-flex.zip`)).status).toBe(200);
      const missing = await anonymous.get<ErrorBody>(
        '/api/territories/00000000-0000-4000-8000-000000000000/gtfs-flex.zip',
      );
      expect(missing.status).toBe(404);
      const bad = await anonymous.get<ErrorBody>('/api/territories/nope/gtfs-flex.zip');
      expect(bad).toMatchObject({ status: 400, body: { field: 'id' } });
    });
  });

  describe('GET /api/territories/:id/valueflows.jsonld', () => {
    it.each([
      ['its coordinator', () => coordinator],
      ['a coordinator of the region containing it', () => regionCoordinator],
      ['an admin', () => admin],
    ])('%s reads requests, commitments and events', async (_who, http) => {
      const response = await http().get<{ '@context': Record<string, unknown>; '@graph': Node[] }>(
        `/api/territories/${townId}/valueflows.jsonld`,
      );
      expect(response.status).toBe(200);
      expect(response.body['@context']).toMatchObject({
        vf: 'https://w3id.org/valueflows/ont/vf#',
        om2: expect.stringContaining('om-2') as string,
      });
      const byType = (type: string) => response.body['@graph'].filter((n) => n['@type'] === type);
      // Two finished, one assigned, one open in the town and its neighbourhood; Paris's is not here.
      expect(byType('vf:Intent')).toHaveLength(4);
      expect(byType('vf:Commitment')).toHaveLength(3);
      expect(byType('vf:EconomicEvent')).toHaveLength(2);
    });

    it('every node has the properties its class requires, agents as member URNs only', async () => {
      const { body } = await coordinator.get<{ '@graph': Node[] }>(
        `/api/territories/${townId}/valueflows.jsonld`,
      );
      const ids = new Set(body['@graph'].map((n) => n['@id']));
      const iso = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/;
      const agent = /^urn:navette:member:[0-9a-f-]{36}$/;
      for (const node of body['@graph'].filter((n) => n['@type'] !== 'vf:Agent')) {
        expect(node['@id']).toMatch(/^urn:navette:/);
        expect(['vf:deliverService', 'vf:transferCustody']).toContain(node['vf:action']);
        expect(node['vf:receiver']).toMatch(agent);
        expect(node['vf:receiver']).toBe(`urn:navette:member:${riderId}`);
        expect(node['vf:hasBeginning']).toMatch(iso);
        // A ride's places, a task's cargo units (the fixture's parcel takes 2).
        expect(node['vf:resourceQuantity']).toMatchObject(
          node['vf:action'] === 'vf:transferCustody'
            ? {
                '@type': 'om2:Measure',
                'om2:hasNumericalValue': 2,
                'om2:hasUnit': 'urn:navette:unit:cargo-unit',
              }
            : {
                '@type': 'om2:Measure',
                'om2:hasNumericalValue': expect.any(Number) as number,
                'om2:hasUnit': 'om2:one',
              },
        );
        expect(JSON.stringify(node)).not.toMatch(/@fixture\.test|rider \d|driver \d/);
        if (node['@type'] === 'vf:Commitment') {
          expect(node['vf:provider']).toMatch(agent);
          expect(ids.has(node['vf:satisfies'] as string)).toBe(true);
        }
        if (node['@type'] === 'vf:EconomicEvent') {
          expect(node['vf:provider']).toBe(`urn:navette:member:${driverId}`);
          expect(ids.has(node['vf:fulfills'] as string)).toBe(true);
          expect(node['vf:hasEnd']).toMatch(iso);
          // One time representation per event: its beginning and end.
          expect(node).not.toHaveProperty('vf:hasPointInTime');
          // 10:00–10:30 and 10:10–10:40 in one trip: 40 min driven, 20 of them shared.
          expect(node['vf:effortQuantity']).toEqual({
            '@type': 'om2:Measure',
            'om2:hasNumericalValue': 0.333,
            'om2:hasUnit': 'om2:hour',
          });
        }
      }
      const events = body['@graph'].filter((n) => n['@type'] === 'vf:EconomicEvent');
      expect(events.map((e) => e['vf:action']).sort()).toEqual(['vf:deliverService', 'vf:transferCustody']);
    });

    it('types every provider and receiver as a vf:Agent', async () => {
      const { body } = await coordinator.get<{ '@graph': Node[] }>(
        `/api/territories/${townId}/valueflows.jsonld`,
      );
      const agents = new Set(body['@graph'].filter((n) => n['@type'] === 'vf:Agent').map((n) => n['@id']));
      const named = body['@graph'].flatMap((n) =>
        [n['vf:provider'], n['vf:receiver']].filter((x): x is string => typeof x === 'string'),
      );
      expect(named.length).toBeGreaterThan(0);
      for (const id of named) expect(agents.has(id)).toBe(true);
      expect(agents).toEqual(new Set(named));
    });

    it('counts a pooled trip’s driving once: summed effort equals the time bank’s hours given', async () => {
      const pooler = await fixtures.aDriver();
      const riders = [
        await fixtures.aMember('rider'),
        await fixtures.aMember('rider'),
        await fixtures.aMember('rider'),
      ];
      const at = (minute: number) => new Date(Date.UTC(2025, 5, 2, 8, minute));
      // Three riders aboard together part of the way: 61 min aboard in all, 41 min driven.
      await rides.aCompletedTrip(pooler, neighbourhoodId, [
        { riderId: riders[0]!.id, pickedUpAt: at(0), completedAt: at(25) },
        { riderId: riders[1]!.id, pickedUpAt: at(5), completedAt: at(30) },
        { riderId: riders[2]!.id, pickedUpAt: at(30), completedAt: at(41) },
      ]);
      const period = 'from=2025-06-02T00:00:00Z&to=2025-06-03T00:00:00Z';
      const { body } = await coordinator.get<{ '@graph': Node[] }>(
        `/api/territories/${townId}/valueflows.jsonld?${period}`,
      );
      const effort = body['@graph']
        .filter(
          (n) => n['@type'] === 'vf:EconomicEvent' && n['vf:provider'] === `urn:navette:member:${pooler.id}`,
        )
        .reduce(
          (sum, n) =>
            sum + (n['vf:effortQuantity'] as { 'om2:hasNumericalValue': number })['om2:hasNumericalValue'],
          0,
        );
      const bank = await coordinator.get<{ members: { memberId: string; hoursGiven: number }[] }>(
        `/api/territories/${townId}/time-bank?${period}`,
      );
      const given = bank.body.members.find((m) => m.memberId === pooler.id)!.hoursGiven;
      expect(given).toBe(0.68); // 41 min
      expect(Math.abs(effort - given)).toBeLessThanOrEqual(0.01);
    });

    it('serves JSON-LD', async () => {
      const { token } = await login(
        stack.baseUrl,
        (await fixtures.aMember('admin')).email,
        'fixture-password',
      );
      const response = await fetch(`${stack.baseUrl}/api/territories/${townId}/valueflows.jsonld`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(response.headers.get('content-type')).toContain('application/ld+json');
    });

    it('exports the requests made within ?from&to only', async () => {
      const { status, body } = await coordinator.get<{ '@graph': Node[] }>(
        `/api/territories/${townId}/valueflows.jsonld?from=2025-03-01T00:00:00Z&to=2025-03-02T00:00:00Z`,
      );
      expect(status).toBe(200);
      const count = (type: string) => body['@graph'].filter((n) => n['@type'] === type).length;
      // The two trips of 1 March, not today's assigned and open requests.
      expect([count('vf:Intent'), count('vf:Commitment'), count('vf:EconomicEvent')]).toEqual([2, 2, 2]);
    });

    it.each([
      ['from=yesterday', 'from'],
      ['to=soon', 'to'],
      ['from=2025-03-02T00:00:00Z&to=2025-03-01T00:00:00Z', 'from'],
    ])('refuses the period %s, naming %s', async (query, field) => {
      const response = await coordinator.get<ErrorBody>(
        `/api/territories/${townId}/valueflows.jsonld?${query}`,
      );
      expect(response).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED', field } });
    });

    it(`refuses more than ${VALUEFLOWS_MAX_REQUESTS} requests rather than cut them; a shorter period works`, async () => {
      const bulkId = await fixtures.aTerritory({ name: 'Bulk', centre: [10, 10], half: 0.1 });
      await fixtures.db.query(
        `INSERT INTO rides (rider_id, pickup, dropoff, territory_id, requested_at, status)
         SELECT $1, ST_SetSRID(ST_MakePoint(10, 10), 4326), ST_SetSRID(ST_MakePoint(10.01, 10), 4326), $2,
                timestamptz '2024-01-01T00:00:00Z' + make_interval(mins => i), 'unserved'
           FROM generate_series(0, $3) AS i`,
        [riderId, bulkId, VALUEFLOWS_MAX_REQUESTS],
      );
      const all = await admin.get<ErrorBody>(`/api/territories/${bulkId}/valueflows.jsonld`);
      expect(all).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED', field: 'from' } });
      expect(all.body.message).toContain('shorter');
      const firstDay = await admin.get<{ '@graph': Node[] }>(
        `/api/territories/${bulkId}/valueflows.jsonld?from=2024-01-01T00:00:00Z&to=2024-01-02T00:00:00Z`,
      );
      expect(firstDay.status).toBe(200);
      expect(firstDay.body['@graph'].filter((n) => n['@type'] === 'vf:Intent')).toHaveLength(1440);
    });

    it.each([
      ['a coordinator of another territory', () => otherCoordinator, 404],
      ['a coordinator of no territory', () => idleCoordinator, 404],
      ['a rider', () => riderHttp, 403],
      ['anyone anonymous', () => anonymous, 401],
    ])('%s reads nothing', async (_who, http, status) => {
      const response = await http().get<ErrorBody>(`/api/territories/${townId}/valueflows.jsonld`);
      expect(response.status).toBe(status);
      expect(JSON.stringify(response.body)).not.toContain('vf:');
    });
  });
});
