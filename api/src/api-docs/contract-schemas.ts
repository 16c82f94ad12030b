import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** A JSON Schema (draft 07 / OpenAPI 3.1), loosely typed: the documents only copy them. */
export type JsonSchema = { [keyword: string]: unknown };

/** api/contracts/schema/contracts.schema.json, found from this file in src or in dist. */
function schemaFile(): string {
  const relative = join('contracts', 'schema', 'contracts.schema.json');
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, relative)) && dirname(dir) !== dir) dir = dirname(dir);
  return join(dir, relative);
}

/**
 * The JSON Schema of every contracts type, by name, generated from `@navette/contracts` by
 * `npm run schemas` (api/contracts/schema/contracts.schema.json; a test keeps it current). Refs
 * point at `#/definitions/<Name>`.
 */
export const contractSchemas: Record<string, JsonSchema> = (
  JSON.parse(readFileSync(schemaFile(), 'utf8')) as { definitions: Record<string, JsonSchema> }
).definitions;

/** Every `$ref` inside `node` (any depth), as the name after the last `/`. */
function refsOf(node: unknown, found: Set<string>): void {
  if (Array.isArray(node)) for (const item of node) refsOf(item, found);
  else if (node !== null && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string') found.add(value.slice(value.lastIndexOf('/') + 1));
      else refsOf(value, found);
    }
  }
}

/** `node` with each `#/definitions/X` ref turned into `${prefix}X`. */
export function rebase<T>(node: T, prefix: string): T {
  if (Array.isArray(node)) return (node as unknown[]).map((item) => rebase(item, prefix)) as T;
  if (node === null || typeof node !== 'object') return node;
  return Object.fromEntries(
    Object.entries(node).map(([key, value]) => [
      key,
      key === '$ref' && typeof value === 'string'
        ? value.replace('#/definitions/', prefix)
        : rebase(value, prefix),
    ]),
  ) as T;
}

/**
 * The contracts schemas that `roots` refer to, directly or through one another, with refs rebased
 * to `prefix` (`#/components/schemas/`). Throws on a name no contracts type has.
 */
export function schemasReferencedBy(roots: unknown, prefix: string, known: ReadonlySet<string> = new Set()) {
  const wanted = new Set<string>();
  refsOf(roots, wanted);
  const out: Record<string, JsonSchema> = {};
  const queue = [...wanted].filter((name) => !known.has(name));
  while (queue.length > 0) {
    const name = queue.pop()!;
    if (out[name]) continue;
    const schema = contractSchemas[name];
    if (!schema) throw new Error(`${name} is referenced by an API description but is no contracts type`);
    out[name] = rebase(schema, prefix);
    const inner = new Set<string>();
    refsOf(schema, inner);
    for (const next of inner) if (!out[next] && !known.has(next)) queue.push(next);
  }
  return out;
}
