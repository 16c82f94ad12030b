import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The checkout's root. */
export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The front ends (infra/scripts/front-ends.mjs FRONT_ENDS), by folder. */
export const FRONT_END_DIRS = [
  'web-map',
  'driver-app',
  'web-map/console',
  'web-map/account',
  'web-map/track',
] as const;
export type FrontEnd = (typeof FRONT_END_DIRS)[number];

/** What the build wrote for a front end (infra/scripts/front-ends.mjs): URLs of its files, sizes. */
export interface BuildManifest {
  main: string;
  css: string | null;
  chunks: string[];
  files: string[];
  ownJsGzipBytes: number;
  vendorJsGzipBytes: number;
  budgetGzipBytes: number;
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** Builds the front ends (and the demo basemap) when a page is missing or older than its sources or the kit's. */
export function ensureFrontEndsBuilt(): void {
  const kit = newestMtime(join(root, 'web-map', 'kit', 'src'));
  const stale = FRONT_END_DIRS.some((front) => {
    try {
      const built = statSync(join(root, front, 'dist', 'build-manifest.json')).mtimeMs;
      return built < Math.max(kit, newestMtime(join(root, front, 'src')));
    } catch {
      return true;
    }
  });
  const basemapMissing = ['map-style.json', 'map-style-dark.json', 'map/tiles.pmtiles'].some((file) => {
    try {
      return !statSync(join(root, 'web-map', 'public', file)).isFile();
    } catch {
      return true;
    }
  });
  if (stale || basemapMissing)
    execFileSync(process.execPath, [join(root, 'infra', 'scripts', 'build.mjs'), '--quiet']);
}

export function buildManifest(front: FrontEnd): BuildManifest {
  return JSON.parse(readFileSync(join(root, front, 'dist', 'build-manifest.json'), 'utf8')) as BuildManifest;
}
