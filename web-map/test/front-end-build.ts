import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The checkout's root. */
export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** Builds the front ends when a bundle is missing or older than its sources. */
export function ensureFrontEndsBuilt(): void {
  const stale = ['web-map', 'driver-app'].some((front) => {
    const bundle = join(root, front, 'public', 'build', 'main.js');
    try {
      return statSync(bundle).mtimeMs < newestMtime(join(root, front, 'src'));
    } catch {
      return true;
    }
  });
  if (stale) execFileSync(process.execPath, [join(root, 'infra', 'scripts', 'build.mjs'), '--quiet']);
}
