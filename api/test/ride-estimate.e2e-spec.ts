import type { ErrorBody, RideEstimate } from '@navette/contracts';
import { GreatCircleTravelTimes } from '@navette/matching';
import { Fixtures } from './fixtures.js';
import { aDriverOnShift, client, login, startStack, type Stack } from './stack.js';

const pickup: [number, number] = [24.952, 60.182];
const dropoff: [number, number] = [24.93, 60.17];
const text = ([lng, lat]: [number, number]) => `${lng},${lat}`;

describe('GET /api/rides/estimate: wait and trip time before asking', () => {
  let stack: Stack;
  let fixtures: Fixtures;

  beforeAll(async () => {
    stack = await startStack({ dispatcher: false });
    fixtures = Fixtures.open(stack.databaseUrl);
    await fixtures.aTerritory({ centre: [24.95, 60.18], half: 0.05 });
  });

  afterAll(async () => {
    await fixtures.close();
    await stack.stop();
  });

  async function asRider() {
    const rider = await fixtures.aMember('rider');
    return client(stack.baseUrl, (await login(stack.baseUrl, rider.email, rider.password)).token);
  }

  it('gives the nearest driver’s approach and the direct trip, by the engine’s travel model', async () => {
    const http = await asRider();
    const none = await http.get<RideEstimate>(
      `/api/rides/estimate?pickup=${text(pickup)}&dropoff=${text(dropoff)}`,
    );
    expect(none.status).toBe(200);
    expect(none.body).toMatchObject({ waitSeconds: null, driversOnShift: 0 });

    const at: [number, number] = [24.955, 60.184];
    const driver = await aDriverOnShift(stack, fixtures, at);
    try {
      const travel = new GreatCircleTravelTimes();
      const estimate = await http.get<RideEstimate>(
        `/api/rides/estimate?pickup=${text(pickup)}&dropoff=${text(dropoff)}`,
      );
      expect(estimate.body).toEqual({
        waitSeconds: Math.round(travel.seconds(at, pickup)),
        tripSeconds: Math.round(travel.seconds(pickup, dropoff)),
        tripMeters: Math.round(travel.meters(pickup, dropoff)),
        driversOnShift: 1,
      });
    } finally {
      driver.socket.close();
    }
  });

  it('refuses a missing or malformed end (400, naming it), an end outside every territory (422), a stranger (401)', async () => {
    const http = await asRider();
    const missing = await http.get<ErrorBody>(`/api/rides/estimate?pickup=${text(pickup)}`);
    expect(missing.status).toBe(400);
    expect(JSON.stringify(missing.body)).toMatch(/dropoff/);
    const malformed = await http.get<ErrorBody>(`/api/rides/estimate?pickup=here&dropoff=${text(dropoff)}`);
    expect(malformed.status).toBe(400);
    expect(JSON.stringify(malformed.body)).toMatch(/pickup/);
    const outside = await http.get<ErrorBody>(
      `/api/rides/estimate?pickup=${text(pickup)}&dropoff=2.35,48.85`,
    );
    expect(outside.status).toBe(422);
    expect(outside.body).toMatchObject({ code: 'OUT_OF_TERRITORY' });
    const stranger = await client(stack.baseUrl).get(
      `/api/rides/estimate?pickup=${text(pickup)}&dropoff=${text(dropoff)}`,
    );
    expect(stranger.status).toBe(401);
  });
});
