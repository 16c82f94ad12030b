import type {
  ErrorBody,
  FairnessReport,
  MyTimeBank,
  OfferView,
  RideExplanations,
  RideView,
  RouteView,
  TaskHandoverView,
  TrackingView,
  TripView,
} from '@navette/contracts';
import { RetentionSweepService } from '../src/privacy/retention-sweep.service.js';
import { Fixtures } from './fixtures.js';
import {
  emit,
  aDriverOnShift,
  client,
  connectSocket,
  eventually,
  login,
  nextEvent,
  startStack,
  type Socket,
  type Stack,
} from './stack.js';

const point = (coordinates: [number, number]) => ({ type: 'Point', coordinates });

/** A parcel for a neighbour without an account. */
const aParcel = (overrides: Record<string, unknown> = {}) => ({
  what: 'a box of books',
  category: 'parcel',
  size: 'box',
  recipient: { name: 'Aino', phone: '+358 40 123 4567' },
  dropoffInstructions: 'third floor, ring twice',
  ...overrides,
});

describe('deliveries: tasks with a recipient, pooled with rides, handed over by code', () => {
  let stack: Stack;
  let fixtures: Fixtures;
  const sockets: Socket[] = [];
  let area = 0;

  beforeAll(async () => {
    stack = await startStack();
    fixtures = Fixtures.open(stack.databaseUrl);
  }, 60_000);

  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await fixtures.close();
    await stack.stop();
  });

  /** A territory of its own per test, far from the others: its drivers see only its requests. */
  async function aPlace(): Promise<(east: number, north: number) => [number, number]> {
    return (await aTerritory()).at;
  }

  async function aTerritory() {
    const centre: [number, number] = [20 + 2 * ++area, 60];
    const id = await fixtures.aTerritory({ centre, half: 0.1 });
    return {
      id,
      at: (east: number, north: number): [number, number] => [centre[0] + east, centre[1] + north],
    };
  }

  async function driverOnShift(at: [number, number], cargoUnits: number) {
    const driver = await aDriverOnShift(stack, fixtures, at);
    await fixtures.db.query(`UPDATE vehicles SET cargo_units = $2 WHERE driver_id = $1`, [
      driver.id,
      cargoUnits,
    ]);
    sockets.push(driver.socket);
    return driver;
  }

  async function member() {
    const who = await fixtures.aMember('rider');
    const { token } = await login(stack.baseUrl, who.email, who.password);
    const socket = await connectSocket(stack.baseUrl, token);
    sockets.push(socket);
    return { ...who, token, http: client(stack.baseUrl, token), socket };
  }

  /** Asks for a task, the driver accepts its offer and collects it. */
  async function collected(
    sender: Awaited<ReturnType<typeof member>>,
    driver: Awaited<ReturnType<typeof driverOnShift>>,
    at: (east: number, north: number) => [number, number],
    task: Record<string, unknown> = aParcel(),
  ) {
    const offered = nextEvent<OfferView>(driver.socket, 'offer:received', undefined, 30_000);
    const created = await sender.http.post<RideView>('/api/rides', {
      kind: 'task',
      pickup: point(at(0.001, 0.001)),
      dropoff: point(at(0.02, 0.02)),
      task,
    });
    expect(created.status).toBe(201);
    const offer = await offered;
    expect(offer.rideId).toBe(created.body.id);
    expect(await emit<TripView>(driver.socket, 'offer:accept', { offerId: offer.id })).toHaveProperty('data');
    expect(
      await emit(driver.socket, 'trip:mark', { rideId: offer.rideId, event: 'picked_up' }),
    ).toHaveProperty('data');
    return created.body;
  }

  it('asks for a task with a recipient: cargo units from the size, no seat, refusals name the field and write nothing', async () => {
    const { id: territoryId, at } = await aTerritory();
    const sender = await member();
    const ask = (task: unknown, extra: Record<string, unknown> = {}) =>
      sender.http.post<RideView & ErrorBody>('/api/rides', {
        kind: 'task',
        pickup: point(at(0.001, 0.001)),
        dropoff: point(at(0.02, 0.02)),
        task,
        ...extra,
      });

    const before = await fixtures.countAll();
    const refusals: [unknown, Record<string, unknown>, string][] = [
      [undefined, {}, 'task'],
      [aParcel({ recipient: { name: 'Aino' } }), {}, 'task.recipient.phone'],
      [aParcel({ recipient: { phone: '+358 40 123 4567' } }), {}, 'task.recipient.name'],
      [aParcel({ recipient: { name: 'Aino', phone: 'call me' } }), {}, 'task.recipient.phone'],
      [aParcel({ size: 'piano' }), {}, 'task.size'],
      [aParcel({ what: '   ' }), {}, 'task.what'],
      [aParcel(), { seats: 1 }, 'seats'],
      [aParcel(), { pickupAt: new Date(Date.now() + 3_600_000).toISOString() }, 'pickupAt'],
      // The territory lets a task's pickup wait two hours at most.
      [
        aParcel({ pickupBefore: new Date(Date.now() + 3 * 3_600_000).toISOString() }),
        {},
        'task.pickupBefore',
      ],
      [
        aParcel({
          deliverAfter: new Date(Date.now() + 3_600_000).toISOString(),
          deliverBefore: new Date(Date.now() + 3_700_000).toISOString(),
        }),
        {},
        'task.deliverBefore',
      ],
    ];
    for (const [task, extra, field] of refusals) {
      const refused = await ask(task, extra);
      expect({ status: refused.status, field: refused.body.field }).toEqual({ status: 400, field });
    }
    const ride = await sender.http.post<RideView & ErrorBody>('/api/rides', {
      pickup: point(at(0.001, 0.001)),
      dropoff: point(at(0.02, 0.02)),
      task: aParcel(),
    });
    expect({ status: ride.status, field: ride.body.field }).toEqual({ status: 400, field: 'task' });
    expect(await fixtures.countAll()).toEqual(before);

    const deliverBefore = new Date(Date.now() + 2 * 3_600_000).toISOString();
    const created = await ask(aParcel({ deliverBefore, weightClass: 'light', onFailure: 'replan' }));
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      kind: 'task',
      seats: 0,
      wheelchairPlaces: 0,
      cargoUnits: 2,
      task: {
        what: 'a box of books',
        size: 'box',
        weightClass: 'light',
        recipient: { memberId: null, name: 'Aino', phone: '+358 40 123 4567', email: null },
        deliverBefore,
        onFailure: 'replan',
        outcome: null,
      },
    });
    // The sender has the code and the link to pass on (no mail is set up here).
    const handover = await sender.http.get<TaskHandoverView>(`/api/rides/${created.body.id}/handover`);
    expect(handover.status).toBe(200);
    expect(handover.body.code).toMatch(/^\d{6}$/);
    expect(handover.body.mailedToRecipient).toBe(false);
    expect(handover.body.trackingUrl).toMatch(/^https:\/\/navette\.test\/track\/#[0-9a-f]{32}[\w-]{22}$/);
    // Nobody else does.
    const other = await member();
    expect((await other.http.get(`/api/rides/${created.body.id}/handover`)).status).toBe(404);

    // The coordinator lets parcels wait longer than riders: three hours is now fine.
    const coordinator = await fixtures.aMember('coordinator', { coordinates: [territoryId] });
    const { token } = await login(stack.baseUrl, coordinator.email, coordinator.password);
    const coordinating = client(stack.baseUrl, token);
    const badSizes = await coordinating.request<ErrorBody>('PUT', `/api/territories/${territoryId}`, {
      type: 'Feature',
      properties: { cargoSizes: { bag: 0, box: 3, boot: 8 } },
    });
    expect({ status: badSizes.status, field: badSizes.body.field }).toEqual({
      status: 400,
      field: 'properties.cargoSizes.bag',
    });
    const rules = await coordinating.request('PUT', `/api/territories/${territoryId}`, {
      type: 'Feature',
      properties: {
        taskMaxWaitSeconds: 4 * 3600,
        taskMaxDetourFactor: 4,
        cargoSizes: { bag: 1, box: 3, boot: 8 },
      },
    });
    expect(rules.status).toBe(200);
    expect(rules.body).toMatchObject({
      properties: {
        taskMaxWaitSeconds: 14_400,
        taskMaxDetourFactor: 4,
        cargoSizes: { bag: 1, box: 3, boot: 8 },
      },
    });
    const later = await ask(
      aParcel({ what: 'a lamp', pickupBefore: new Date(Date.now() + 3 * 3_600_000).toISOString() }),
    );
    expect(later.status).toBe(201);
    expect(later.body.task?.pickupBefore).not.toBeNull();
    // A box is three units in this territory now.
    expect(later.body.cargoUnits).toBe(3);

    // Booked ahead, for a member: the window opens later, the member is named by id only.
    const neighbour = await fixtures.aMember('rider', { name: 'Noora' });
    const pickupAfter = new Date(Date.now() + 3_600_000).toISOString();
    const deliverAfter = new Date(Date.now() + 2 * 3_600_000).toISOString();
    const booked = await ask(
      aParcel({ what: 'a cake', recipient: { memberId: neighbour.id }, pickupAfter, deliverAfter }),
    );
    expect(booked.status).toBe(201);
    expect(booked.body).toMatchObject({
      pickupAt: pickupAfter,
      task: { recipient: { memberId: neighbour.id, name: null, phone: null }, deliverAfter },
    });
    const unknown = await ask(aParcel({ recipient: { memberId: '00000000-0000-4000-8000-000000000000' } }));
    expect({ status: unknown.status, field: unknown.body.field }).toEqual({
      status: 400,
      field: 'task.recipient.memberId',
    });
  }, 60_000);

  it('offers a task to a driver with cargo room, not to a nearer one without', async () => {
    const at = await aPlace();
    const noBoot = await driverOnShift(at(0.0005, 0.0005), 0);
    const withBoot = await driverOnShift(at(0.01, 0.01), 4);
    const sender = await member();
    const offeredToNoBoot: string[] = [];
    noBoot.socket.on('offer:received', (o: OfferView) => offeredToNoBoot.push(o.rideId));
    const offered = nextEvent<OfferView>(withBoot.socket, 'offer:received', undefined, 30_000);
    const created = await sender.http.post<RideView>('/api/rides', {
      kind: 'task',
      pickup: point(at(0.001, 0.001)),
      dropoff: point(at(0.02, 0.02)),
      task: aParcel(),
    });
    const offer = await offered;
    expect(offer).toMatchObject({ rideId: created.body.id, kind: 'task', seats: 0, cargoUnits: 2 });
    // A ride still goes to the nearest driver: the boot is not what made the choice.
    const rideOffered = nextEvent<OfferView>(noBoot.socket, 'offer:received', undefined, 30_000);
    const ride = await sender.http.post<RideView>('/api/rides', {
      pickup: point(at(0.001, 0.002)),
      dropoff: point(at(0.03, 0.02)),
    });
    expect((await rideOffered).rideId).toBe(ride.body.id);
    expect(offeredToNoBoot).toEqual([ride.body.id]);
  }, 60_000);

  it('explains a task left waiting for cargo room to coordinators', async () => {
    const { id: territoryId, at } = await aTerritory();
    await driverOnShift(at(0.001, 0.001), 4);
    const sender = await member();
    const created = await sender.http.post<RideView>('/api/rides', {
      kind: 'task',
      pickup: point(at(0.001, 0.001)),
      dropoff: point(at(0.02, 0.02)),
      task: aParcel({ size: 'boot', what: 'a sofa cushion set' }),
    });
    expect(created.body.cargoUnits).toBe(6);
    const coordinator = await fixtures.aMember('coordinator', { coordinates: [territoryId] });
    const { token } = await login(stack.baseUrl, coordinator.email, coordinator.password);
    const http = client(stack.baseUrl, token);
    const why = await eventually(async () => {
      const body = (await http.get<RideExplanations>(`/api/rides/${created.body.id}/explanation`)).body;
      return body.lastUnmatched ?? undefined;
    }, 30_000);
    expect(why.explanation).toMatchObject({ stage: 'unserved', waitingFor: 'capacity' });
    expect(why.explanation.others).toEqual([expect.objectContaining({ reason: 'capacity' })]);
  }, 60_000);

  it('pools a rider and a parcel in one route, the stops saying collect from and deliver to', async () => {
    const at = await aPlace();
    const driver = await driverOnShift(at(0, 0), 4);
    const rider = await member();
    const sender = await member();

    const rideOffer = nextEvent<OfferView>(driver.socket, 'offer:received', undefined, 30_000);
    const ride = await rider.http.post<RideView>('/api/rides', {
      pickup: point(at(0.001, 0)),
      dropoff: point(at(0.03, 0.01)),
    });
    expect(await emit(driver.socket, 'offer:accept', { offerId: (await rideOffer).id })).toHaveProperty(
      'data',
    );

    const taskOffer = nextEvent<OfferView>(driver.socket, 'offer:received', undefined, 30_000);
    const task = await sender.http.post<RideView>('/api/rides', {
      kind: 'task',
      pickup: point(at(0.002, 0.001)),
      dropoff: point(at(0.02, 0.008)),
      task: aParcel({ pickupInstructions: 'the blue door' }),
    });
    const offer = await taskOffer;
    expect(offer.rideId).toBe(task.body.id);
    expect(await emit(driver.socket, 'offer:accept', { offerId: offer.id })).toHaveProperty('data');

    const route = await driver.http.get<RouteView>('/api/trips/route');
    expect(route.body.stops).toHaveLength(4);
    const stopOf = (rideId: string, type: string) =>
      route.body.stops.find((s) => s.rideId === rideId && s.type === type);
    expect(stopOf(ride.body.id, 'pickup')).toMatchObject({ kind: 'ride', handover: null });
    expect(stopOf(task.body.id, 'pickup')).toMatchObject({
      kind: 'task',
      cargoUnits: 2,
      handover: { action: 'collect', what: 'a box of books', instructions: 'the blue door' },
    });
    expect(stopOf(task.body.id, 'dropoff')).toMatchObject({
      handover: {
        action: 'deliver',
        contactName: 'Aino',
        contactPhone: '+358 40 123 4567',
        instructions: 'third floor, ring twice',
      },
    });
    const trips = await driver.http.get<TripView[]>('/api/trips/current');
    expect(trips.body.map((t) => t.rideId).sort()).toEqual([ride.body.id, task.body.id].sort());
  }, 90_000);

  it('confirms a delivery by the recipient’s code; a wrong code is refused, five shut the code out', async () => {
    const at = await aPlace();
    const driver = await driverOnShift(at(0, 0), 4);
    const sender = await member();
    const task = await collected(sender, driver, at);
    const { code, trackingUrl } = (await sender.http.get<TaskHandoverView>(`/api/rides/${task.id}/handover`))
      .body;
    const token = trackingUrl!.split('/track/#')[1]!;
    const anyone = client(stack.baseUrl);
    expect((await anyone.get<TrackingView>(`/api/track/${token}`)).body).toMatchObject({
      state: 'on-its-way',
      what: 'a box of books',
      outcome: null,
      expiresAt: null,
    });

    // A plain drop-off does not end a task: it is handed over.
    const plain = await emit(driver.socket, 'trip:mark', { rideId: task.id, event: 'dropped_off' });
    expect(plain).toMatchObject({ error: { code: 'CONFLICT' } });
    const wrongCode = code === '000000' ? '111111' : '000000';
    const wrong = await driver.http.post<ErrorBody>(`/api/trips/${task.id}/handover`, {
      outcome: 'code',
      code: wrongCode,
    });
    expect(wrong).toMatchObject({ status: 400, body: { field: 'code' } });
    expect(wrong.body.message).toContain('4 tries left');
    const delivered = nextEvent<RideView>(sender.socket, 'ride:updated', (r) => r.status === 'completed');
    const right = await driver.http.post<TripView>(`/api/trips/${task.id}/handover`, {
      outcome: 'code',
      code,
    });
    expect(right.status).toBe(200);
    expect(right.body.rideStatus).toBe('completed');
    expect((await delivered).task).toMatchObject({ outcome: 'code' });
    const tracked = await anyone.get<TrackingView>(`/api/track/${token}`);
    expect(tracked.body).toMatchObject({ state: 'delivered', outcome: 'code', driverPosition: null });
    expect(tracked.body.expiresAt).not.toBeNull();
    // The code is of no more use once delivered.
    expect((await sender.http.get<TaskHandoverView>(`/api/rides/${task.id}/handover`)).body.code).toBeNull();

    // Another parcel: five wrong codes, then even the right one is refused (429).
    const second = await collected(sender, driver, at);
    const secondCode = (await sender.http.get<TaskHandoverView>(`/api/rides/${second.id}/handover`)).body
      .code!;
    const notIt = secondCode === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i++) {
      const refused = await driver.http.post(`/api/trips/${second.id}/handover`, {
        outcome: 'code',
        code: notIt,
      });
      expect(refused.status).toBe(400);
    }
    const shut = await driver.http.post<ErrorBody>(`/api/trips/${second.id}/handover`, {
      outcome: 'code',
      code: secondCode,
    });
    expect(shut).toMatchObject({ status: 429, body: { code: 'RATE_LIMITED', field: 'code' } });
    // Left with a neighbour instead, with who has it.
    expect(
      (await driver.http.post<ErrorBody>(`/api/trips/${second.id}/handover`, { outcome: 'neighbour' })).body
        .field,
    ).toBe('note');
    const left = await driver.http.post<TripView>(`/api/trips/${second.id}/handover`, {
      outcome: 'neighbour',
      note: 'Mikko, flat 4',
    });
    expect(left.body.rideStatus).toBe('completed');
    expect((await sender.http.get<RideView>(`/api/rides/${second.id}`)).body.task).toMatchObject({
      outcome: 'neighbour',
      outcomeNote: 'Mikko, flat 4',
    });
    const forged = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
    expect((await anyone.get(`/api/track/${forged}`)).status).toBe(404);
  }, 90_000);

  it('returns a failed delivery to its sender, or tries again later when the sender chose so', async () => {
    const at = await aPlace();
    const driver = await driverOnShift(at(0, 0), 4);
    const sender = await member();
    const task = await collected(sender, driver, at);
    const failed = await driver.http.post<TripView>(`/api/trips/${task.id}/handover`, {
      outcome: 'failed',
      note: 'nobody home',
    });
    expect(failed.status).toBe(200);
    expect(failed.body).toMatchObject({ rideStatus: 'picked_up', dropoff: point(at(0.001, 0.001)) });
    expect(failed.body.task).toMatchObject({ returning: true });
    const route = await driver.http.get<RouteView>('/api/trips/route');
    expect(route.body.stops).toEqual([
      expect.objectContaining({
        rideId: task.id,
        type: 'dropoff',
        handover: expect.objectContaining({ action: 'return' }),
      }),
    ]);
    const { trackingUrl } = (await sender.http.get<TaskHandoverView>(`/api/rides/${task.id}/handover`)).body;
    const anyone = client(stack.baseUrl);
    expect(
      (await anyone.get<TrackingView>(`/api/track/${trackingUrl!.split('/track/#')[1]}`)).body.state,
    ).toBe('returning');
    const code = await driver.http.post<ErrorBody>(`/api/trips/${task.id}/handover`, {
      outcome: 'code',
      code: '123456',
    });
    expect(code.status).toBe(409);
    const back = await driver.http.post<TripView>(`/api/trips/${task.id}/handover`, { outcome: 'returned' });
    expect(back.body.rideStatus).toBe('completed');
    expect((await sender.http.get<RideView>(`/api/rides/${task.id}`)).body.task).toMatchObject({
      outcome: 'returned',
      failedAttempts: 1,
    });

    // Re-planned: the drop-off stays the recipient's, tried again at the end of the route; a second failure sends it back.
    const replanned = await collected(sender, driver, at, aParcel({ onFailure: 'replan' }));
    const again = await driver.http.post<TripView>(`/api/trips/${replanned.id}/handover`, {
      outcome: 'failed',
    });
    expect(again.body).toMatchObject({ rideStatus: 'picked_up', dropoff: point(at(0.02, 0.02)) });
    expect(again.body.task).toMatchObject({ returning: false });
    const twice = await driver.http.post<TripView>(`/api/trips/${replanned.id}/handover`, {
      outcome: 'failed',
    });
    expect(twice.body.task).toMatchObject({ returning: true });
  }, 90_000);

  it('counts a delivered task: time bank, ValueFlows custody in cargo units, fairness per kind', async () => {
    const territory = await aTerritory();
    const driver = await driverOnShift(territory.at(0, 0), 4);
    const sender = await member();
    const task = await collected(sender, driver, territory.at);
    const { code } = (await sender.http.get<TaskHandoverView>(`/api/rides/${task.id}/handover`)).body;
    expect((await driver.http.post(`/api/trips/${task.id}/handover`, { outcome: 'code', code })).status).toBe(
      200,
    );

    const mine = await sender.http.get<MyTimeBank>('/api/me/time-bank');
    expect(mine.body).toMatchObject({ ridesReceived: 1 });
    expect((await driver.http.get<MyTimeBank>('/api/me/time-bank')).body).toMatchObject({ tripsGiven: 1 });

    const coordinator = await fixtures.aMember('coordinator', { coordinates: [territory.id] });
    const { token } = await login(stack.baseUrl, coordinator.email, coordinator.password);
    const http = client(stack.baseUrl, token);
    const flows = await http.get<{ '@graph': Record<string, unknown>[] }>(
      `/api/territories/${territory.id}/valueflows.jsonld`,
    );
    expect(flows.status).toBe(200);
    const event = flows.body['@graph'].find((n) => n['@id'] === `urn:navette:event:${task.id}`);
    expect(event).toMatchObject({
      '@type': 'vf:EconomicEvent',
      'vf:action': 'vf:transferCustody',
      'vf:resourceQuantity': { 'om2:hasNumericalValue': 2, 'om2:hasUnit': 'urn:navette:unit:cargo-unit' },
    });

    const fairness = await http.get<FairnessReport>(`/api/territories/${territory.id}/fairness`);
    expect(fairness.body.kinds).toEqual([
      expect.objectContaining({ kind: 'ride', requests: 0, serviceRate: null }),
      expect.objectContaining({ kind: 'task', requests: 1, served: 1, refused: 0, serviceRate: 1 }),
    ]);

    // Past the territory's retention, the recipient's contact and the instructions go with the exact places.
    await fixtures.db.query(
      `UPDATE rides SET requested_at = requested_at - interval '90 days', picked_up_at = picked_up_at - interval '90 days',
                        completed_at = completed_at - interval '90 days' WHERE id = $1`,
      [task.id],
    );
    await stack.app.get(RetentionSweepService).sweep();
    const erased = (await sender.http.get<RideView>(`/api/rides/${task.id}`)).body.task;
    expect(erased).toMatchObject({
      what: 'a box of books',
      recipient: { memberId: null, name: null, phone: null, email: null },
      dropoffInstructions: null,
      outcome: 'code',
    });
    const stored = await fixtures.db.query(`SELECT * FROM task_details WHERE ride_id = $1`, [task.id]);
    expect(JSON.stringify(stored.rows)).not.toMatch(/Aino|4567|ring twice/);
  }, 90_000);
});
