import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApiClient, ApiError, idempotencyKey } from './api-client.js';

/** A real HTTP server on loopback answering each path as told, and what it received. */
describe('ApiClient', () => {
  let server: Server;
  let origin = '';
  const received: { method?: string; authorization?: string; contentType?: string; body: string }[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        received.push({
          method: req.method,
          authorization: req.headers.authorization,
          contentType: req.headers['content-type'],
          body,
        });
        if (req.url === '/ok') res.writeHead(200, { 'content-type': 'application/json' }).end('{"id":"r1"}');
        else if (req.url === '/empty') res.writeHead(204).end();
        else if (req.url === '/file')
          res.writeHead(200, { 'content-type': 'application/zip' }).end('PK\u0003\u0004');
        else if (req.url === '/refused')
          res
            .writeHead(409, { 'content-type': 'application/json' })
            .end('{"statusCode":409,"code":"OFFER_NOT_PENDING","message":"gone","field":"offerId"}');
        else res.writeHead(502, { 'content-type': 'text/html' }).end('<h1>Bad gateway</h1>');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it('sends JSON with the bearer token and returns the parsed answer', async () => {
    const api = new ApiClient(() => 'tok', origin);
    await expect(api.post<{ id: string }>('/ok', { seats: 2 })).resolves.toEqual({ id: 'r1' });
    expect(received.at(-1)).toEqual({
      method: 'POST',
      authorization: 'Bearer tok',
      contentType: 'application/json',
      body: '{"seats":2}',
    });
    await expect(api.get('/empty')).resolves.toBeUndefined();
  });

  it('sends PUT, PATCH and DELETE with their JSON body', async () => {
    const api = new ApiClient(() => 'tok', origin);
    await expect(api.send<{ id: string }>('PUT', '/ok', { open: true })).resolves.toEqual({ id: 'r1' });
    expect(received.at(-1)).toMatchObject({
      method: 'PUT',
      body: '{"open":true}',
      authorization: 'Bearer tok',
    });
    await api.send('DELETE', '/empty');
    expect(received.at(-1)).toMatchObject({ method: 'DELETE', body: '', contentType: undefined });
  });

  it('downloads a file with its type; a refusal is an ApiError', async () => {
    const api = new ApiClient(() => 'tok', origin);
    const file = await api.download('/file');
    expect(file.type).toBe('application/zip');
    expect(await file.text()).toBe('PK\u0003\u0004');
    expect(received.at(-1)?.authorization).toBe('Bearer tok');
    const failure = await api.download('/refused').catch((e: unknown) => e);
    expect((failure as ApiError).body.code).toBe('OFFER_NOT_PENDING');
  });

  it('sends no authorization without a session', async () => {
    await new ApiClient(() => null, origin).get('/ok');
    expect(received.at(-1)?.authorization).toBeUndefined();
  });

  it("throws the API's error body as an ApiError", async () => {
    const failure = await new ApiClient(() => null, origin).get('/refused').catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ApiError);
    expect((failure as ApiError).body).toEqual({
      statusCode: 409,
      code: 'OFFER_NOT_PENDING',
      message: 'gone',
      field: 'offerId',
    });
    expect((failure as ApiError).offline).toBe(false);
  });

  it('turns an answer without an error body into INTERNAL with the HTTP status', async () => {
    const failure = (await new ApiClient(() => null, origin)
      .get('/html')
      .catch((e: unknown) => e)) as ApiError;
    expect(failure.body).toEqual({ statusCode: 502, code: 'INTERNAL', message: 'HTTP 502' });
  });

  it('says offline when no server answers at all', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const failure = (await new ApiClient(() => null, `http://127.0.0.1:${port}`)
      .get('/ok')
      .catch((e: unknown) => e)) as ApiError;
    expect(failure).toBeInstanceOf(ApiError);
    expect(failure.offline).toBe(true);
  });
});

describe('idempotencyKey', () => {
  it('is 32 hex digits, new each time', () => {
    const a = idempotencyKey();
    expect(a).toMatch(/^[0-9a-f]{32}$/);
    expect(idempotencyKey()).not.toBe(a);
  });
});
