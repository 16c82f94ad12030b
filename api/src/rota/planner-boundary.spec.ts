import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const apiSource = join(dirname(fileURLToPath(import.meta.url)), '..');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') && !entry.name.includes('.spec.') ? [path] : [];
  });
}

describe('the API never plans on its own event loop', () => {
  it('imports nothing from the matching core: planning is the dispatcher’s job (plan-day)', () => {
    const importers = sources(apiSource)
      .filter((file) =>
        /from '@navette\/matching'|import\('@navette\/matching'\)/.test(readFileSync(file, 'utf8')),
      )
      .map((file) => file.slice(apiSource.length + 1));
    expect(importers).toEqual([]);
  });
});
