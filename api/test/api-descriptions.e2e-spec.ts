import { Parser } from '@asyncapi/parser';
import openapiTS, { astToString } from 'openapi-typescript';
import { Ajv } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Fixtures } from './fixtures.js';
import { aDriverOnShift, login, startStack, type Stack } from './stack.js';

const run = promisify(execFile);
/** Linters start slowly on a loaded machine. */
const LINT_TIMEOUT_MS = 180_000;

interface Operation {
  responses: Record<string, { content?: Record<string, { schema: unknown }> }>;
}
interface OpenApi {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, unknown> };
}

/**
 * The OpenAPI document is a whole contract: it lints clean under Redocly's recommended rules and
 * Spectral's `oas` rules, and real answers of the main flows match the schemas it declares for
 * their operation, status and media type (checked with a JSON Schema validator, so drift between
 * the mappers, the contracts and the document fails here).
 */
describe('the OpenAPI document', () => {
  let stack: Stack;
  let fixtures: Fixtures;
  let document: OpenApi;
  let ajv: Ajv2020;
  let folder: string;
  const checked = new Set<string>();

  beforeAll(async () => {
    stack = await startStack({ dispatcher: false });
    fixtures = Fixtures.open(stack.databaseUrl);
    document = (await (await fetch(`${stack.baseUrl}/api/openapi.json`)).json()) as OpenApi;
    ajv = new Ajv2020({ strict: false, allErrors: true });
    ajv
      .addFormat('uuid', /^[0-9a-f-]{36}$/i)
      .addFormat('date', /^\d{4}-\d{2}-\d{2}$/)
      .addFormat('date-time', () => true);
    ajv.addSchema({ $id: 'openapi', components: document.components });
    folder = await mkdtemp(join(tmpdir(), 'navette-openapi-'));
  });

  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
    await fixtures.close();
    await stack.stop();
  });

  /** The operation of the document that `path` (a concrete path) answers. */
  function operationOf(method: string, path: string): Operation {
    const bare = path.split('?')[0]!;
    for (const [template, item] of Object.entries(document.paths)) {
      const pattern = new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+').replaceAll('.', '\\.')}$`);
      if (pattern.test(bare) && item[method.toLowerCase()]) return item[method.toLowerCase()]!;
    }
    throw new Error(`${method} ${bare} is not in the document`);
  }

  /** Sends the request and checks the answer against the document; returns the parsed body. */
  async function call(
    token: string | null,
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) {
    const response = await fetch(`${stack.baseUrl}${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const operation = operationOf(method, path);
    const declared = operation.responses[String(response.status)];
    if (!declared)
      throw new Error(`${method} ${path} answered ${response.status}, which the document does not list`);
    const text = await response.text();
    // Nest sends a handler's `null` as an empty body: the document says so with a nullable schema.
    const nullable = JSON.stringify(declared.content ?? {}).includes('"null"');
    if (!declared.content || (text === '' && nullable)) {
      expect(text).toBe('');
      return { status: response.status, body: undefined, headers: response.headers };
    }
    const mediaType = (response.headers.get('content-type') ?? '').split(';')[0]!;
    const content = declared.content[mediaType];
    if (!content)
      throw new Error(`${method} ${path} ${response.status} answered ${mediaType}, not in the document`);
    const parsed: unknown = JSON.parse(text);
    const check = ajv.compile(rebased(content.schema));
    if (!check(parsed)) {
      throw new Error(
        `${method} ${path} ${response.status} does not match its schema: ${ajv.errorsText(check.errors)}\n${text.slice(0, 500)}`,
      );
    }
    checked.add(`${method} ${path.split('?')[0]} ${response.status}`);
    return { status: response.status, body: parsed as Record<string, unknown>, headers: response.headers };
  }

  /** A response schema whose `#/components/...` refs point into the document added as `openapi`. */
  function rebased(schema: unknown): object {
    return JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"openapi#/components/')) as object;
  }

  it(
    'lints with 0 errors and 0 warnings (Redocly recommended, Spectral oas)',
    async () => {
      const file = join(folder, 'openapi.json');
      await writeFile(file, JSON.stringify(document));
      const redocly = await run('npx', ['redocly', 'lint', '--format=json', file], {
        encoding: 'utf8',
      }).catch((error: { stdout: string; stderr: string }) => error);
      const report = JSON.parse(redocly.stdout.slice(redocly.stdout.indexOf('{'))) as { totals: object };
      expect(report.totals).toEqual({ errors: 0, warnings: 0, ignored: 0 });
      const spectral = await run(
        'npx',
        ['spectral', 'lint', '--fail-severity=hint', '-r', '.spectral.yaml', file],
        {
          encoding: 'utf8',
        },
      ).catch((error: { stdout: string; stderr: string }) => error);
      expect(`${spectral.stdout}${spectral.stderr}`.trim()).toMatch(
        /No results with a severity of 'hint' or higher found!/,
      );
    },
    LINT_TIMEOUT_MS,
  );

  it(
    'generates a typed client (openapi-typescript) that compiles and agrees with the contracts',
    async () => {
      const types = astToString(
        await openapiTS(document as never, { defaultNonNullable: false, arrayLength: true }),
      );
      await writeFile(join(folder, 'client.ts'), types);
      const contracts = join(process.cwd(), 'api', 'contracts', 'src', 'index.js');
      const ok = (path: string, method: string, status: number, mediaType = 'application/json') =>
        `paths['${path}']['${method}']['responses'][${status}]['content']['${mediaType}']`;
      const same = (name: string, type: string) =>
        `export const ${name}A: ${type} = {} as C.${name};\nexport const ${name}B: C.${name} = {} as ${type};`;
      await writeFile(
        join(folder, 'agree.ts'),
        [
          `import type { paths, components } from './client.js';`,
          `import type * as C from '${contracts}';`,
          same('RideView', ok('/api/rides/{id}', 'get', 200)),
          same('LoginResponse', ok('/api/auth/login', 'post', 200)),
          same('TerritoryCollection', ok('/api/territories', 'get', 200, 'application/geo+json')),
          same('FairnessReport', ok('/api/territories/{id}/fairness', 'get', 200)),
          same('MyTimeBank', ok('/api/me/time-bank', 'get', 200)),
          same('RotaView', ok('/api/territories/{id}/rota', 'get', 200)),
          same('Problem', "components['schemas']['Problem']"),
          same(
            'CreateRideRequest',
            "paths['/api/rides']['post']['requestBody']['content']['application/json']",
          ),
        ].join('\n'),
      );
      const tsc = await run(
        'npx',
        [
          'tsc',
          '--ignoreConfig',
          '--noEmit',
          '--strict',
          '--skipLibCheck',
          '--module',
          'NodeNext',
          '--moduleResolution',
          'NodeNext',
          '--target',
          'ES2022',
          '--types',
          'node',
          join(folder, 'client.ts'),
          join(folder, 'agree.ts'),
        ],
        { encoding: 'utf8' },
      ).catch((error: { stdout: string; stderr: string }) => error);
      expect(`${tsc.stdout}${tsc.stderr}`).toBe('');
    },
    LINT_TIMEOUT_MS,
  );

  it('lists every operation with a summary, tags, security and a problem for every error', () => {
    for (const [path, item] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(item) as [
        string,
        Operation & Record<string, unknown>,
      ][]) {
        const where = `${method} ${path}`;
        expect([where, typeof operation.summary]).toEqual([where, 'string']);
        expect([where, (operation.tags as string[]).length]).toEqual([where, 1]);
        expect([where, Array.isArray(operation.security)]).toEqual([where, true]);
        for (const [status, response] of Object.entries(operation.responses)) {
          if (Number(status) >= 400)
            expect([where, status, Object.keys(response.content ?? {})]).toEqual([
              where,
              status,
              ['application/problem+json'],
            ]);
          else if (status !== '204')
            expect([where, status, Object.keys(response.content ?? {}).length]).toEqual([where, status, 1]);
        }
      }
    }
  });

  it('describes the answers of the main flows as they are sent', async () => {
    const territory = await fixtures.aTerritory({ centre: [24.95, 60.18], half: 0.05 });
    const admin = await fixtures.aMember('admin');
    const coordinator = await fixtures.aMember('coordinator', { coordinates: [territory] });
    const riderMember = await fixtures.aMember('rider');
    const driverMember = await fixtures.aDriver();

    const riderLogin = await call(null, 'POST', '/api/auth/login', {
      email: riderMember.email,
      password: riderMember.password,
    });
    const rider = riderLogin.body!.token as string;
    const boss = (await login(stack.baseUrl, coordinator.email, coordinator.password)).token;
    const root = (await login(stack.baseUrl, admin.email, admin.password)).token;
    const driver = (await login(stack.baseUrl, driverMember.email, driverMember.password)).token;

    await call(null, 'POST', '/api/auth/login', { email: riderMember.email, password: 'wrong password' });
    await call(rider, 'GET', '/api/me');
    await call(null, 'GET', '/api/me');
    await call(null, 'GET', '/api/config');
    await call(null, 'GET', '/api/health');

    const pickup = { type: 'Point', coordinates: [24.95, 60.18] };
    const dropoff = { type: 'Point', coordinates: [24.96, 60.19] };
    const created = await call(rider, 'POST', '/api/rides', { pickup, dropoff });
    expect(created.status).toBe(201);
    expect((await call(rider, 'POST', '/api/rides', { pickup, dropoff })).status).toBe(200);
    await call(rider, 'GET', `/api/rides/${String(created.body!.id)}`);
    await call(rider, 'GET', '/api/rides');
    await call(rider, 'GET', `/api/rides/${String(created.body!.id)}/explanation`);
    await call(rider, 'POST', `/api/rides/${String(created.body!.id)}/cancel`);
    await call(rider, 'GET', '/api/rides/00000000-0000-4000-8000-000000000000');
    await call(rider, 'POST', '/api/rides', { pickup: { type: 'Point', coordinates: [0, 0] }, dropoff });

    await call(null, 'GET', '/api/territories');
    await call(null, 'GET', `/api/territories/${territory}`);
    await call(boss, 'GET', `/api/territories/${territory}/fairness`);
    await call(boss, 'GET', `/api/territories/${territory}/time-bank`);
    await call(rider, 'GET', '/api/me/time-bank');
    await call(rider, 'GET', `/api/territories/${territory}/fairness`);
    await call(boss, 'GET', `/api/territories/${territory}/valueflows.jsonld`);

    const report = await call(rider, 'POST', '/api/reports', {
      subjectId: driverMember.id,
      kind: 'other',
      text: 'A test report',
    });
    await call(boss, 'GET', '/api/moderation/reports');
    if (report.status === 201) await call(boss, 'GET', `/api/moderation/reports/${String(report.body!.id)}`);
    await call(boss, 'GET', '/api/moderation/pair-blocks');
    await call(rider, 'GET', '/api/me/decisions');
    await call(rider, 'GET', '/api/vouches');
    await call(root, 'PATCH', '/api/me/settings', { maxTrustDistance: null });

    await call(driver, 'GET', '/api/shifts/current');
    await call(driver, 'POST', '/api/shifts/start', { position: [24.95, 60.18] });
    await call(driver, 'GET', '/api/offers/pending');
    await call(driver, 'GET', '/api/trips/current');
    await call(driver, 'GET', '/api/trips/route');
    await call(driver, 'POST', '/api/shifts/end');
    expect(checked.size).toBeGreaterThan(30);
  });

  it('answers errors as RFC 9457 problems in the language asked for, keeping code and field', async () => {
    const rider = await fixtures.aMember('rider');
    const token = (await login(stack.baseUrl, rider.email, rider.password)).token;
    const path = '/api/rides/00000000-0000-4000-8000-000000000000';
    const english = await call(token, 'GET', path, undefined, { 'accept-language': 'de, en;q=0.5' });
    expect(english.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(english.headers.get('content-language')).toBe('en');
    expect(english.body).toEqual({
      type: 'urn:navette:problem:not-found',
      title: 'Not found',
      status: 404,
      detail: 'ride not found',
      instance: path,
      statusCode: 404,
      code: 'NOT_FOUND',
      message: 'ride not found',
    });
    const french = await call(
      token,
      'POST',
      '/api/rides',
      { pickup: 'here' },
      { 'accept-language': 'fr-FR,fr;q=0.9' },
    );
    expect(french.headers.get('content-language')).toBe('fr');
    expect(french.body).toMatchObject({
      type: 'urn:navette:problem:validation-failed',
      title: 'La requête n’est pas valide',
      status: 400,
      detail: 'La requête n’est pas valide (champ « pickup »).',
      code: 'VALIDATION_FAILED',
      field: 'pickup',
    });
    expect(french.body!.message).toEqual(expect.any(String));
  });
});

/**
 * The socket protocol is published as AsyncAPI 3 and the document is valid; the client payload
 * schemas it declares are the ones the gateway enforces.
 */
describe('the AsyncAPI document', () => {
  let stack: Stack;
  let fixtures: Fixtures;
  let document: AsyncApi;

  interface AsyncApi {
    asyncapi: string;
    info: { description: string };
    components: { messages: Record<string, { name: string; payload: object }> };
  }

  beforeAll(async () => {
    stack = await startStack({ dispatcher: false });
    fixtures = Fixtures.open(stack.databaseUrl);
    await fixtures.aTerritory({ centre: [24.95, 60.18], half: 0.1 });
    document = (await (await fetch(`${stack.baseUrl}/api/asyncapi.json`)).json()) as AsyncApi;
  });

  afterAll(async () => {
    await fixtures.close();
    await stack.stop();
  });

  it('is valid for the AsyncAPI parser, with no diagnostic at all', async () => {
    const { document: parsed, diagnostics } = await new Parser().parse(JSON.stringify(document));
    expect(diagnostics.map((d) => `${d.code}: ${d.message} at ${d.path.join('.')}`)).toEqual([]);
    expect(parsed?.version()).toMatch(/^3\./);
    expect(document.info.description).toContain('auth: { token }');
  });

  it('declares every event, each way, and the gateway holds clients to the declared payloads', async () => {
    const names = Object.values(document.components.messages).map((message) => message.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'position:report',
        'offer:accept',
        'offer:decline',
        'trip:mark',
        'offers:resend',
        'offer:received',
        'ride:updated',
        'session:ended',
        'command:refused',
      ]),
    );
    const declared = Object.values(document.components.messages).find((m) => m.name === 'position:report')!;
    // AsyncAPI schemas are JSON Schema draft 07, Ajv's default.
    const validate = new Ajv({ strict: false }).compile(declared.payload);
    const driver = await aDriverOnShift(stack, fixtures, [24.95, 60.18]);
    try {
      for (const payload of [
        { position: [24.951, 60.181] },
        { position: [200, 60] },
        { position: [24.9] },
        {},
      ]) {
        const ack = (await driver.socket.emitWithAck('position:report', payload)) as { data?: unknown };
        expect([payload, 'data' in ack]).toEqual([payload, validate(payload)]);
      }
    } finally {
      driver.socket.close();
    }
  });
});
