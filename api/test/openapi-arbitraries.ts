import fc from 'fast-check';

/** The part of an OpenAPI 3 schema object the fuzzer reads. */
export interface Schema {
  $ref?: string;
  allOf?: Schema[];
  anyOf?: Schema[];
  /** OpenAPI 3.1 writes a nullable type as `[type, 'null']`; `resolve` turns it into `nullable`. */
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  const?: unknown;
  example?: unknown;
  nullable?: boolean;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  /** `true`: members beyond `properties` are accepted (a GeoJSON geometry's foreign members). */
  additionalProperties?: boolean | Schema;
}

/** GeoJSON objects whose foreign members RFC 7946 §6.1 allows, and the API accepts (infra/adr/0019). */
const FOREIGN_MEMBERS_ACCEPTED = new Set(['Feature', 'Point']);

/**
 * Whether an object accepts members it does not list: `additionalProperties: true`, or a GeoJSON
 * Feature or Point (its `type` fixed by an enum of one or a const).
 */
const acceptsUnknownMembers = (schema: Schema): boolean => {
  const type = schema.properties?.type;
  const fixed = type?.const ?? (type?.enum?.length === 1 ? type.enum[0] : undefined);
  return schema.additionalProperties === true || FOREIGN_MEMBERS_ACCEPTED.has(String(fixed));
};

interface OpenApiDocument {
  paths: Record<string, Record<string, OperationObject>>;
  components?: { schemas?: Record<string, Schema> };
}

interface OperationObject {
  parameters?: { name: string; in: string }[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
}

/** One operation of the document, its parameters, and the schema of its JSON body if it takes one. */
export interface Operation {
  method: string;
  /** The OpenAPI path, with `{name}` placeholders. */
  path: string;
  pathParams: string[];
  queryParams: string[];
  body: Schema | undefined;
}

/** Every operation of the document, `$ref`s in body schemas resolved. */
export function operationsOf(document: OpenApiDocument): Operation[] {
  const schemas = document.components?.schemas ?? {};
  const resolve = (schema: Schema): Schema => {
    if (schema.$ref) return resolve(schemas[schema.$ref.split('/').pop()!] ?? {});
    if (schema.allOf?.length === 1) return resolve(schema.allOf[0]!);
    const notNull = schema.anyOf?.filter((option) => option.type !== 'null');
    if (notNull?.length === 1 && schema.anyOf!.length === 2)
      return { ...resolve(notNull[0]!), nullable: true };
    if (Array.isArray(schema.type)) {
      const types = schema.type.filter((type) => type !== 'null');
      return resolve({
        ...schema,
        type: types[0],
        ...(types.length < schema.type.length ? { nullable: true } : {}),
      });
    }
    const properties = schema.properties
      ? Object.fromEntries(Object.entries(schema.properties).map(([k, v]) => [k, resolve(v)]))
      : undefined;
    return {
      ...schema,
      ...(properties ? { properties } : {}),
      ...(schema.items ? { items: resolve(schema.items) } : {}),
    };
  };
  return Object.entries(document.paths).flatMap(([path, operations]) =>
    Object.entries(operations).map(([method, operation]) => {
      const params = operation.parameters ?? [];
      const body = operation.requestBody?.content?.['application/json']?.schema;
      return {
        method: method.toUpperCase(),
        path,
        pathParams: params.filter((p) => p.in === 'path').map((p) => p.name),
        queryParams: params.filter((p) => p.in === 'query').map((p) => p.name),
        body: body && resolve(body),
      };
    }),
  );
}

/**
 * A plausible value for a schema: its example, its first enum value, or something of its type; an
 * object with its required properties only, so that the one field a mutation adds or breaks is
 * the only fault (given examples where a type alone cannot make a valid value).
 */
export function sample(schema: Schema): unknown {
  if (schema.example !== undefined) return schema.example;
  if (schema.enum?.length) return schema.enum[0];
  switch (schema.type) {
    case 'string':
      if (schema.format === 'uuid') return '00000000-0000-4000-8000-000000000000';
      if (schema.format === 'date-time') return new Date(Date.now() + 3_600_000).toISOString();
      return 'a'.repeat(Math.max(schema.minLength ?? 0, 5));
    case 'number':
    case 'integer':
      return schema.minimum ?? 1;
    case 'boolean':
      return true;
    case 'array':
      return schema.items ? [sample(schema.items)] : [];
    default:
      return Object.fromEntries(
        Object.entries(schema.properties ?? {})
          .filter(([name]) => schema.required?.includes(name))
          .map(([name, child]) => [name, sample(child)]),
      );
  }
}

/** Stands in the body for JSON nested thousands of levels deep, spliced into the text when sent. */
export const DEEP = '\u0001deep\u0001';
const DEEP_JSON = `${'['.repeat(5000)}0${']'.repeat(5000)}`;

/** The JSON text of a body, with every {@link DEEP} marker replaced by the deep nesting. */
export function toJsonText(body: unknown): string {
  return JSON.stringify(body).replaceAll(JSON.stringify(DEEP), DEEP_JSON);
}

/** What a hostile change did, so the test can say which field the error must name. */
export interface Mutation {
  /** Dotted path of the changed value (`properties.name`), or '' for the body as a whole. */
  path: string;
  kind: string;
  /** Refused where JSON is parsed, naming exactly this field (`body` for depth). */
  parseField?: string;
}

const jsonTypeOf = (value: unknown) =>
  value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;

/** Values of a JSON type other than the schema's (a number where a string belongs…). */
function wrongTypes(schema: Schema): unknown[] {
  const all = ['text', 42, 1.5, true, {}, [1, 2]];
  const expected = schema.type === 'integer' ? 'number' : schema.type === 'object' ? 'object' : schema.type;
  return all.filter(
    (v) => jsonTypeOf(v) !== expected && !(expected === undefined && jsonTypeOf(v) === 'object'),
  );
}

/**
 * Values no field of this schema accepts, each with its kind: null (unless nullable), other JSON
 * types, deep nesting, NUL bytes and lone surrogates in text, strings far too long, numbers out of
 * bounds, enum values that are not, and an object with an unknown member. The text around a NUL
 * or a surrogate is random; everything else is one fixed representative of its kind.
 */
function invalidValues(schema: Schema, path: string): fc.Arbitrary<[unknown, Mutation]>[] {
  const fixed = (value: unknown, mutation: Omit<Mutation, 'path'>) =>
    fc.constant<[unknown, Mutation]>([value, { path, ...mutation }]);
  const around = (char: string, kind: string) =>
    fc
      .string({ maxLength: 20 })
      .map((s): [unknown, Mutation] => [`${s}${char}${s}`, { path, kind, parseField: path || 'body' }]);
  const options = [
    ...wrongTypes(schema).map((v) => fixed(v, { kind: `wrong type ${jsonTypeOf(v)}` })),
    fixed(DEEP, { kind: 'deep nesting', parseField: 'body' }),
    around('\u0000', 'NUL byte'),
    around('\ud800', 'lone surrogate'),
  ];
  if (!schema.nullable) options.push(fixed(null, { kind: 'null' }));
  if (schema.type === 'string') options.push(fixed('x'.repeat(5000), { kind: 'huge string' }));
  if (schema.maximum !== undefined) options.push(fixed(schema.maximum + 1e6, { kind: 'too big' }));
  if (schema.minimum !== undefined) options.push(fixed(schema.minimum - 1e6, { kind: 'too small' }));
  if (schema.enum) options.push(fixed('not-one-of-them', { kind: 'not in enum' }));
  if ((schema.type === 'object' || schema.type === undefined) && !acceptsUnknownMembers(schema)) {
    options.push(fixed({ ...(sample(schema) as object), fuzzExtra: 1 }, { kind: 'unknown member' }));
  }
  return options;
}

/** Sets `value` at a dotted path of a copy of `body`. */
function withValue(body: unknown, path: string[], value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path;
  const object = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  return { ...object, [head!]: withValue(object[head!], rest, value) };
}

/** Removes the value at a dotted path of a copy of `body`. */
function without(body: unknown, path: string[]): unknown {
  const [head, ...rest] = path;
  const object = { ...(body as Record<string, unknown>) };
  if (rest.length === 0) delete object[head!];
  else object[head!] = without(object[head!], rest);
  return object;
}

/** Every property of an object schema, nested objects included: `[path, schema, required]`. */
function fieldsOf(schema: Schema, prefix: string[] = []): [string[], Schema, boolean][] {
  return Object.entries(schema.properties ?? {}).flatMap(([name, child]) => {
    const path = [...prefix, name];
    const here: [string[], Schema, boolean] = [path, child, schema.required?.includes(name) ?? false];
    return [here, ...fieldsOf(child, path)];
  });
}

export interface MalformedBody {
  body: unknown;
  mutation: Mutation;
}

/**
 * Malformed bodies for an operation's schema, each invalid by construction, with the mutation that
 * made it: one field made invalid, a required field left out, an unknown field added, or a body
 * that is not an object at all. `cases` has one of every kind for every field, `random` draws
 * among the same.
 */
export function malformedBodies(schema: Schema): {
  cases: MalformedBody[];
  random: fc.Arbitrary<MalformedBody>;
} {
  const base = sample(schema);
  const at = (path: string, value: unknown) => (path ? withValue(base, path.split('.'), value) : value);
  const mutations: fc.Arbitrary<MalformedBody>[] = [
    ...invalidValues({ type: 'object', properties: schema.properties }, ''),
    ...(acceptsUnknownMembers(schema)
      ? []
      : invalidValues({ type: 'number' }, 'fuzzExtra').map((values) =>
          values.map(([value, m]): [unknown, Mutation] => [
            value,
            { ...m, kind: `unknown field, ${m.kind}` },
          ]),
        )),
    ...fieldsOf(schema).flatMap(([path, child]) => invalidValues(child, path.join('.'))),
  ].map((values) => values.map(([value, mutation]) => ({ body: at(mutation.path, value), mutation })));
  for (const [path, , required] of fieldsOf(schema)) {
    if (required)
      mutations.push(
        fc.constant({
          body: without(base, path),
          mutation: { path: path.join('.'), kind: 'missing required' },
        }),
      );
  }
  // One draw of each mutation with the generator's own seed: every field meets every kind once.
  const cases = mutations.map((m, i) => fc.sample(m, { numRuns: 1, seed: i })[0]!);
  return { cases, random: fc.oneof(...mutations) };
}

/** Path and query parameter values that name nothing: not UUIDs, bad percent-encodings, NULs… */
export const hostileParam: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    'not-a-uuid',
    '%00',
    'a%00b',
    '%ED%A0%80',
    '%',
    '%zz',
    'x'.repeat(3000),
    '..%2F..%2Fetc%2Fpasswd',
    "1'%20OR%20'1'='1",
    '-1',
    '1e400',
    '2026-02-30',
    '2026-03-01T10:00:00',
    '00000000-0000-0000-0000-000000000000',
    '%F0%9F%9A%90',
  ),
  fc.string({ maxLength: 40 }).map((s) => encodeURIComponent(s.replace(/[\ud800-\udfff]/g, ''))),
);
