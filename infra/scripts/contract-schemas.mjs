// Writes api/contracts/schema/contracts.schema.json: a JSON Schema of every type exported by
// @navette/contracts (and of the ValueFlows export document), generated from the TypeScript
// sources by ts-json-schema-generator. The OpenAPI and AsyncAPI documents take their schemas from
// it, and the tests validate live answers against it: the contracts stay the one source of truth.
// `--check` compares instead of writing (exit 1 when the file is stale: run `npm run schemas`).
import { readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createGenerator } from 'ts-json-schema-generator';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const out = join(root, 'api', 'contracts', 'schema', 'contracts.schema.json');

/** `Feature<AreaGeometry,TerritoryProperties>` → `Feature_AreaGeometry_TerritoryProperties`: a valid component name. */
const safeName = (name) =>
  decodeURIComponent(name)
    .replace(/[^A-Za-z0-9._-]+/g, '_')
    .replace(/_+$/, '');

function rename(node) {
  if (Array.isArray(node)) return node.map(rename);
  if (node === null || typeof node !== 'object') return node;
  return Object.fromEntries(
    Object.entries(node).map(([key, value]) =>
      key === '$ref' && typeof value === 'string'
        ? [key, `#/definitions/${safeName(value.replace('#/definitions/', ''))}`]
        : [key, rename(value)],
    ),
  );
}

function generate(path, type) {
  const schema = createGenerator({
    path: join(root, path),
    tsconfig: join(root, 'tsconfig.json'),
    type,
    expose: 'export',
    functions: 'hide',
    skipTypeCheck: true,
    additionalProperties: false,
  }).createSchema(type);
  return Object.fromEntries(
    Object.entries(schema.definitions ?? {})
      .filter(
        ([name, definition]) =>
          name !== '*' && !('not' in definition && Object.keys(definition.not).length === 0),
      )
      .map(([name, definition]) => [safeName(name), rename(definition)]),
  );
}

const definitions = {
  ...generate('api/contracts/src/index.ts', '*'),
  ...generate('api/src/exports/valueflows.mapper.ts', 'ValueFlowsDocument'),
};
const sorted = Object.fromEntries(Object.entries(definitions).sort(([a], [b]) => a.localeCompare(b)));
const text = `${JSON.stringify({ $schema: 'http://json-schema.org/draft-07/schema#', definitions: sorted }, null, 2)}\n`;

if (process.argv.includes('--check')) {
  const current = await readFile(out, 'utf8').catch(() => '');
  if (current !== text) {
    console.error(`${out} is stale: run \`npm run schemas\` and commit it`);
    process.exit(1);
  }
} else {
  await writeFile(out, text);
  console.log(`${Object.keys(sorted).length} schemas → ${out}`);
}
