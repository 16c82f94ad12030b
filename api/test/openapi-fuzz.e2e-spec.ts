import type { ErrorBody } from '@navette/contracts';
import fc from 'fast-check';
import { Fixtures } from './fixtures.js';
import {
  DEEP,
  hostileParam,
  malformedBodies,
  operationsOf,
  toJsonText,
  type Operation,
} from './openapi-arbitraries.js';
import { login, startStack, type Stack } from './stack.js';

/** Fixed, so a failure is replayed exactly; fast-check prints the counterexample and the seed. */
const SEED = 20_251_207;
/** Malformed bodies per operation that takes one, and malformed parameter sets per other operation. */
const BODY_RUNS = 40;
const PARAM_RUNS = 25;
/** The first failure of an operation is reported as found (shrinking would only resend). */
const runs = { seed: SEED, endOnFailure: true, includeErrorInReport: true };
/** About 30 s on a quiet machine; room for a loaded CI one. */
const FUZZ_TIMEOUT_MS = 300_000;
/** A UUID no row has: the path parameter when no table holds what it names. */
const NOBODY = '00000000-0000-4000-8000-000000000000';

/**
 * Every operation of the OpenAPI document (`/api/openapi.json`) gets malformed input, generated from
 * its own schema, from an admin (who passes every role check, so the validation layer is reached):
 * no 5xx, every refusal has a code and names the field, and no table gains or loses a row. The
 * operations come from the document, so a new endpoint is fuzzed as soon as it is declared.
 */
describe('fuzzing every operation of the OpenAPI document', () => {
  let stack: Stack;
  let fixtures: Fixtures;
  let token: string;
  let operations: Operation[];
  /** One row id of each table that has rows, by table name. */
  const idOf: Record<string, string> = {};
  let sent = 0;

  beforeAll(async () => {
    stack = await startStack({
      dispatcher: false,
      rateLimits: { loginPerMinute: 100_000, rideRequestsPerMinute: 100_000, positionsPerMinute: 100_000 },
    });
    fixtures = Fixtures.open(stack.databaseUrl);
    const territory = await fixtures.aTerritory({ centre: [24.95, 60.18], half: 0.05 });
    const admin = await fixtures.aMember('admin');
    const rider = await fixtures.aMember('rider');
    await fixtures.db.query(
      `INSERT INTO rides (rider_id, pickup, dropoff, territory_id)
       VALUES ($1, ST_SetSRID(ST_MakePoint(24.95, 60.18), 4326), ST_SetSRID(ST_MakePoint(24.96, 60.19), 4326), $2)`,
      [rider.id, territory],
    );
    for (const table of Object.keys(await fixtures.countAll())) {
      const rows = await fixtures.db
        .query<{ id: string }>(`SELECT id::text FROM "${table}" LIMIT 1`)
        .catch(() => ({ rows: [] }));
      if (rows.rows[0]) idOf[table] = rows.rows[0].id;
    }
    token = (await login(stack.baseUrl, admin.email, admin.password)).token;
    const document = await (await fetch(`${stack.baseUrl}/api/openapi.json`)).json();
    operations = operationsOf(document);
  });

  afterAll(async () => {
    console.log(`OpenAPI fuzz: ${sent} requests sent to ${operations.length} operations`);
    await fixtures.close();
    await stack.stop();
  });

  async function send(method: string, path: string, body?: string, contentType = 'application/json') {
    sent++;
    const response = await fetch(`${stack.baseUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': contentType }),
      },
      body,
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // Not JSON (a zip, a page): only the status is judged then.
    }
    return { status: response.status, body: parsed as ErrorBody };
  }

  const fill = (operation: Operation, param: (name: string) => string) =>
    operation.path.replace(/\{(\w+)\}/g, (_, name: string) => param(name));

  /**
   * A real id for a path parameter where a table holds what it names (`/rides/{id}` → rides,
   * `{memberId}` → members), so that a body the validation let through would reach the database.
   */
  const realId = (operation: Operation) => (name: string) => {
    const segments = operation.path.split('/');
    const collection = segments[segments.indexOf(`{${name}}`) - 1]?.replaceAll('-', '_') ?? '';
    const named = `${name.replace(/Id$/, '')}s`;
    const tables = name === 'id' ? [collection] : [named, collection];
    return tables.map((table) => idOf[table]).find(Boolean) ?? NOBODY;
  };

  /** A refusal carries a code and a message, and names the field when the input is at fault. */
  function expectNamedRefusal(
    where: string,
    response: { status: number; body: ErrorBody },
    accepted: number[],
  ) {
    const summary = `${where} → ${response.status} ${JSON.stringify(response.body).slice(0, 300)}`;
    if (response.status >= 500 || !accepted.includes(response.status)) throw new Error(summary);
    if (response.status < 400) return;
    if (typeof response.body?.code !== 'string' || typeof response.body.message !== 'string')
      throw new Error(`no code or message: ${summary}`);
    if ([400, 413, 415, 422].includes(response.status) && !response.body.field)
      throw new Error(`no field named: ${summary}`);
  }

  /** Runs `check` for one operation and adds a failure if it threw or a row was written. */
  async function fuzz(operation: Operation, failures: string[], check: () => Promise<void>) {
    const before = await fixtures.countAll();
    try {
      await check();
    } catch (error) {
      failures.push(`${operation.method} ${operation.path}: ${(error as Error).message}`);
    }
    const after = await fixtures.countAll();
    const written = Object.keys(after).filter((table) => after[table] !== before[table]);
    if (written.length)
      failures.push(`${operation.method} ${operation.path} wrote rows in ${written.join(', ')}`);
  }

  it(
    'malformed bodies: a 4xx naming the field, never a 5xx, nothing written',
    async () => {
      const withBody = operations.filter((o) => o.body);
      expect(withBody.length).toBeGreaterThan(10);
      const failures: string[] = [];
      for (const operation of withBody) {
        const path = fill(operation, realId(operation));
        await fuzz(operation, failures, async () => {
          const { cases, random } = malformedBodies(operation.body!);
          await fc.assert(
            fc.asyncProperty(random, async ({ body, mutation }) => {
              const response = await send(operation.method, path, toJsonText(body));
              const where = `${operation.method} ${path} with ${mutation.kind} at "${mutation.path}"`;
              expectNamedRefusal(where, response, [400, 413, 422]);
              if (mutation.parseField && response.body.field !== mutation.parseField)
                throw new Error(`${where}: named ${response.body.field}, not ${mutation.parseField}`);
            }),
            // Every field with every kind of fault first, then random draws among them.
            { ...runs, examples: cases.map((c) => [c]), numRuns: cases.length + BODY_RUNS },
          );
          // The same valid-looking body in a content type the API does not take.
          const wrongType = await send(operation.method, path, '{}', 'text/plain');
          expectNamedRefusal(`${operation.method} ${path} as text/plain`, wrongType, [415]);
        });
      }
      expect(failures).toEqual([]);
    },
    FUZZ_TIMEOUT_MS,
  );

  it(
    'malformed path and query parameters, and hostile bodies where none is taken: never a 5xx, nothing written',
    async () => {
      const others = operations.filter((o) => !o.body && o.path !== '/api/openapi.json');
      const failures: string[] = [];
      for (const operation of others) {
        const params = [...operation.pathParams, ...operation.queryParams];
        await fuzz(operation, failures, async () => {
          if (params.length) {
            await fc.assert(
              fc.asyncProperty(
                fc.record(Object.fromEntries(params.map((name) => [name, hostileParam]))),
                async (values) => {
                  const query = operation.queryParams.map((name) => `${name}=${values[name]}`).join('&');
                  const url = `${fill(operation, (name) => values[name]!)}${query ? `?${query}` : ''}`;
                  const response = await send(operation.method, url);
                  // 2xx is fine for a GET whose parameter is a harmless filter; 404 for what is not there.
                  expectNamedRefusal(
                    `${operation.method} ${url}`,
                    response,
                    [200, 204, 400, 401, 403, 404, 409, 422],
                  );
                },
              ),
              { ...runs, numRuns: PARAM_RUNS },
            );
          }
          if (operation.method === 'GET') return;
          // An operation that takes no body must not let a hostile one through either.
          const path = fill(operation, realId(operation));
          for (const [body, type, status] of [
            [toJsonText({ a: DEEP }), 'application/json', 400],
            ['{"a": "\\u0000"}', 'application/json', 400],
            ['a=1', 'application/x-www-form-urlencoded', 415],
          ] as const) {
            expectNamedRefusal(
              `${operation.method} ${path} with ${body.slice(0, 20)}`,
              await send(operation.method, path, body, type),
              [status],
            );
          }
        });
      }
      expect(failures).toEqual([]);
    },
    FUZZ_TIMEOUT_MS,
  );
});
