import type { RideView } from '@navette/contracts';
import { Fixtures } from './fixtures.js';
import {
  acceptEveryOffer,
  aDriverOnShift,
  client,
  connectSocket,
  eventually,
  login,
  METRICS_TEST_TOKEN,
  startStack,
  type Socket,
  type Stack,
} from './stack.js';

const centre: [number, number] = [24.95, 60.18];
const pickup = { type: 'Point', coordinates: [24.952, 60.182] };
const dropoff = { type: 'Point', coordinates: [24.93, 60.17] };

/** The value of one series (`name{labels}`) in a Prometheus text exposition; undefined when absent. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('Prometheus metrics of the API and the dispatcher, after a ride flows', () => {
  let stack: Stack;
  let fixtures: Fixtures;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    stack = await startStack({ metrics: true });
    fixtures = Fixtures.open(stack.databaseUrl);
  });

  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await fixtures.close();
    await stack.stop();
  });

  const scrape = async (token?: string) =>
    fetch(`${stack.baseUrl}/metrics`, token ? { headers: { authorization: `Bearer ${token}` } } : {});

  it('refuses a scraper without the bearer METRICS_TOKEN, or with another one', async () => {
    expect((await scrape()).status).toBe(401);
    const wrong = await scrape('metrics-test-token-not-the-one');
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('www-authenticate')).toMatch(/^Bearer/);
  });

  it('has the HTTP, socket, ride, offer, queue and dispatcher series once a ride is assigned', async () => {
    await fixtures.aTerritory({ centre, half: 0.1 });
    const driver = await aDriverOnShift(stack, fixtures, [24.951, 60.181]);
    sockets.push(driver.socket);
    const answers = acceptEveryOffer(driver.socket);
    const rider = await fixtures.aMember('rider');
    const { token } = await login(stack.baseUrl, rider.email, rider.password);
    sockets.push(await connectSocket(stack.baseUrl, token));
    const http = client(stack.baseUrl, token);
    const created = await http.post<RideView>('/api/rides', { pickup, dropoff, seats: 1 });
    expect(created.status).toBe(201);
    await eventually(async () => {
      const ride = await http.get<RideView>(`/api/rides/${created.body.id}`);
      return ride.body.status === 'assigned' ? true : undefined;
    }, 20_000);
    await answers.idle();

    const response = await scrape(METRICS_TEST_TOKEN);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await response.text();
    expect(
      sample(
        text,
        'navette_http_request_duration_seconds_count{method="POST",route="/api/rides",status="201"}',
      ),
    ).toBe(1);
    expect(
      sample(
        text,
        'navette_http_request_duration_seconds_count{method="GET",route="/api/rides/:id",status="200"}',
      ),
    ).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'navette_socket_connections')).toBe(2);
    expect(sample(text, 'navette_socket_events_total{direction="in",event="offer:accept"}')).toBe(1);
    expect(sample(text, 'navette_socket_events_total{direction="out",event="offer:received"}')).toBe(1);
    expect(sample(text, 'navette_rides{status="assigned"}')).toBe(1);
    expect(sample(text, 'navette_offers{outcome="accepted"}')).toBe(1);
    expect(sample(text, 'navette_queue_jobs{queue="matching",state="failed"}')).toBe(0);
    expect(sample(text, 'navette_queue_jobs{queue="planning",state="waiting"}')).toBe(0);
    expect(sample(text, 'navette_api_process_cpu_seconds_total')).toBeGreaterThan(0);

    const dispatcher = await (await fetch(stack.dispatcher!.metricsUrl!)).text();
    expect(sample(dispatcher, 'navette_dispatcher_offers_made_total')).toBe(1);
    expect(sample(dispatcher, 'navette_dispatcher_match_latency_seconds_count')).toBe(1);
    expect(sample(dispatcher, 'navette_dispatcher_batch_duration_seconds_count')).toBeGreaterThanOrEqual(1);
    // One ride, a town's few drivers: the batch found them from the pool around its pickup.
    expect(
      sample(dispatcher, 'navette_dispatcher_batch_driver_reads_total{read="around"}'),
    ).toBeGreaterThanOrEqual(1);
    expect(
      sample(
        dispatcher,
        'navette_dispatcher_jobs_total{queue="matching",job="match-ride",outcome="completed"}',
      ),
    ).toBeGreaterThanOrEqual(1);
    expect(
      sample(dispatcher, 'navette_dispatcher_job_wait_seconds_count{queue="matching",job="match-ride"}'),
    ).toBeGreaterThanOrEqual(1);
  });
});
