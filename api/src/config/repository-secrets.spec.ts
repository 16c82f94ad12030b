import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { REPOSITORY_SECRETS } from './repository-secrets.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const skipped = new Set(['node_modules', 'dist', 'build', '.git', '.navette', 'coverage']);
const here = dirname(fileURLToPath(import.meta.url));
/** A secret written as a literal, by kind of file: code, YAML, shell and env files (and docs showing them). */
const literals: [RegExp, RegExp[]][] = [
  [/\.(ts|mjs|js|json)$/, [/(?:jwtSecret|JWT_SECRET)['"]?:\s*['"`]([^'"`]+)['"`]/g]],
  [/\.ya?ml$/, [/^\s*JWT_SECRET:\s*['"]?([^\s'"$#][^\s'"#]*)/gm]],
  [/\.(sh|md|env)$|\/\.env[^/]*$|Dockerfile$/, [/JWT_SECRET=['"]?([^\s'"$(][^\s'"]*)/g]],
];

function* files(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (skipped.has(entry.name)) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* files(path);
    // This folder's own tests write secrets on purpose, to check the refusal.
    else if (!(dir === here && entry.name.endsWith('.spec.ts'))) yield path;
  }
}

describe('the repository’s JWT secrets', () => {
  it('every secret literal in the repository is on the list the API refuses in production', () => {
    const found: string[] = [];
    for (const path of files(root)) {
      const patterns = literals.find(([name]) => name.test(path))?.[1] ?? [];
      if (patterns.length === 0) continue;
      const text = readFileSync(path, 'utf8');
      for (const pattern of patterns) for (const match of text.matchAll(pattern)) found.push(match[1]!);
    }
    expect(found.filter((secret) => !REPOSITORY_SECRETS.includes(secret))).toEqual([]);
  });
});
