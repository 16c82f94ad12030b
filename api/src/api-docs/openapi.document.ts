import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { PROBLEM_MEDIA_TYPE } from '../common/error.filter.js';
import { schemasReferencedBy, type JsonSchema } from './contract-schemas.js';

/** Every tag an operation may carry, with its description (a new controller adds its tag here). */
export const API_TAGS: Record<string, string> = {
  auth: 'Logging in and the caller’s own member record',
  rides: 'Requesting, following and cancelling rides and tasks, and their outcomes',
  dispatch: 'The driver’s side: offers, trips and the route ahead',
  shifts: 'A driver’s shifts',
  territories: 'Service areas, their rules and lending between them',
  fairness: 'How fairly a territory is served',
  'time-bank': 'Hours given and received',
  rota: 'Shift slots, sign-ups, waiting lists and swaps, coverage, and the plan of a day’s pre-booked rides',
  exports: 'Open-standard exports: GTFS-Flex and ValueFlows',
  members: 'Vouches and a member’s own settings',
  reports: 'Reports, decisions and appeals',
  moderation: 'The coordinators’ abuse queue',
  privacy: 'A member’s copy of their data and its erasure',
  places: 'Named places, search as you type, names for points, stop snapping',
  health: 'Readiness of the service',
  calendar: 'A driver’s shifts as a calendar feed',
  operations: 'Tools for the people who run the service',
  membership: 'Joining, passwords, asking to drive, and roles',
  console: 'The coordinator’s live view and hand on dispatch',
  rebalancing: 'Where an idle driver could wait to help worse-served zones, and their answer',
  deliveries: 'Tasks after they are asked for: the code and tracking link, the handover at the door',
};

const BEARER = 'bearer';
const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'options', 'head'] as const;

/** Errors every operation may give, by status: the request itself (any method may carry a body). */
const COMMON_ERRORS: Record<number, string> = {
  400: 'VALIDATION_FAILED: a parameter, a header or the body is not valid (`field` names it)',
  413: 'PAYLOAD_TOO_LARGE: the request body is too large',
  415: 'UNSUPPORTED_MEDIA_TYPE: a request body that is not application/json',
  500: 'INTERNAL: an unexpected failure',
};

interface Operation {
  tags?: string[];
  security?: Record<string, string[]>[];
  parameters?: { in: string; name: string; required?: boolean; description?: string }[];
  responses: Record<string, { description: string; content?: Record<string, { schema: unknown }> }>;
}

/**
 * A schema in OpenAPI 3.1's own dialect (JSON Schema 2020-12): OpenAPI 3.0's `nullable: true`
 * becomes a type array or an `anyOf` with null, and draft 07 tuples (`items: [a, b]`, as the
 * contracts schemas write `[lng, lat]`) become `prefixItems` with no further items.
 */
function asOpenApi31(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(asOpenApi31);
  if (node === null || typeof node !== 'object') return node;
  const { nullable, ...rest } = node as JsonSchema;
  const schema = Object.fromEntries(Object.entries(rest).map(([key, value]) => [key, asOpenApi31(value)]));
  if (Array.isArray(schema.items)) {
    const { additionalItems: _additionalItems, items, ...others } = schema;
    Object.assign(schema, { ...others, prefixItems: items, items: false });
    delete schema.additionalItems;
  }
  if (nullable !== true) return schema;
  if (typeof schema.type === 'string') return { ...schema, type: [schema.type, 'null'] };
  return { anyOf: [schema, { type: 'null' }] };
}

/**
 * What the decorators cannot say alone, added to every operation: its security (bearer unless
 * `@Public`), the errors common to operations of its kind, the problem schema on every error, one
 * `Idempotency-Key` header (Nest lists `@Headers` parameters again, lower-cased and required).
 */
function completeOperation(path: string, operation: Operation): void {
  if (operation.security?.length === 1 && Object.keys(operation.security[0]!).length === 0)
    operation.security = [];
  operation.security ??= [{ [BEARER]: [] }];
  const secured = operation.security.length > 0;
  const seen = new Set<string>();
  operation.parameters = (operation.parameters ?? [])
    .sort((a, b) => Number(Boolean(b.description)) - Number(Boolean(a.description)))
    .filter((parameter) => {
      const key = `${parameter.in}:${parameter.in === 'header' ? parameter.name.toLowerCase() : parameter.name}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  const errors: Record<number, string> = { ...COMMON_ERRORS };
  if (secured) errors[401] = 'UNAUTHENTICATED: no token, or one that is expired or invalid';
  if (path.includes('{')) errors[404] = 'NOT_FOUND: nothing has this id, or the caller may not see it';
  for (const [status, description] of Object.entries(errors)) {
    const existing = operation.responses[status];
    operation.responses[status] = existing
      ? { ...existing, description: `${existing.description}; ${description}` }
      : { description };
  }
  for (const [status, response] of Object.entries(operation.responses)) {
    if (Number(status) >= 400)
      response.content = { [PROBLEM_MEDIA_TYPE]: { schema: { $ref: '#/components/schemas/Problem' } } };
  }
}

/**
 * The OpenAPI 3.1 document of the app's HTTP API, complete: every operation with a summary, tags,
 * security, and each answer it gives with its schema (success bodies from the contracts, errors as
 * RFC 9457 problems). Served at `/api/openapi.json` and linted in CI (`npm run lint:api`).
 */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const builder = new DocumentBuilder()
    .setOpenAPIVersion('3.1.0')
    .setTitle('Navette API')
    .setDescription(
      'Community dispatch of shared rides and small tasks. Errors are RFC 9457 problems ' +
        '(`application/problem+json`) whose `title` and `detail` follow `Accept-Language` (fr or en). ' +
        'The socket.io protocol is described by the AsyncAPI document at `/api/asyncapi.json`.',
    )
    .setVersion('0.1.0')
    .setLicense('AGPL-3.0-or-later', 'https://www.gnu.org/licenses/agpl-3.0.html')
    .setContact('Navette', 'https://navette.invalid/', 'contact@navette.invalid')
    .addServer('/', 'This server')
    .addBearerAuth(
      {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'JWT',
        description: 'The token from POST /api/auth/login',
      },
      BEARER,
    );
  for (const [name, description] of Object.entries(API_TAGS)) builder.addTag(name, description);
  const document = SwaggerModule.createDocument(app, builder.build());

  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const operation = item[method] as Operation | undefined;
      if (operation) completeOperation(path, operation);
    }
  }
  const own = (document.components?.schemas ?? {}) as Record<string, JsonSchema>;
  const contracts = schemasReferencedBy(
    { paths: document.paths, own, problem: { $ref: '#/definitions/Problem' } },
    '#/components/schemas/',
    new Set(Object.keys(own)),
  );
  document.components = {
    ...document.components,
    schemas: asOpenApi31({ ...own, ...contracts }) as Record<string, JsonSchema>,
  };
  return document;
}
