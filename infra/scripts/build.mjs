// Builds every TypeScript part of Navette to plain ES modules, fast (swc, no type check:
// `npm run typecheck` does that). Layout:
//   api/contracts/src/**, api/sql/src/**, dispatcher/matching/src/** → <package>/dist/** (the shared libraries)
//   api/**, dispatcher/**, infra/**                  → <app>/dist/**        (apps: sources, benches, CLIs)
//   <front>/src/main.ts (FRONT_ENDS: web-map, driver-app, web-map/console, web-map/account, web-map/track)
//                                                   → <front>/public/build/main-<hash>.js and
//                                                     <front>/public/index.html (front-ends.mjs)
//   infra/basemap/helsinki-demo.geojson + fonts      → web-map/public/map/** and map-style*.json (demo basemap)
import { transformFile } from '@swc/core';
import { buildFrontEnd, FRONT_ENDS } from './front-ends.mjs';
import { existsSync } from 'node:fs';
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const quiet = process.argv.includes('--quiet');

const swcOptions = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: {
      legacyDecorator: true,
      decoratorMetadata: true,
      useDefineForClassFields: false,
    },
    target: 'es2022',
    keepClassNames: true,
  },
  module: { type: 'es6' },
  sourceMaps: 'inline',
  swcrc: false,
};

const isTest = (name) => /\.(spec|int-spec|e2e-spec)\.ts$/.test(name);
const skipDirs = new Set(['node_modules', 'dist', 'test', 'public', 'fixtures']);

async function* tsFiles(dir, nestedPackages) {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (skipDirs.has(entry.name) || nestedPackages.includes(path)) continue;
      yield* tsFiles(path, nestedPackages);
    } else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') && !isTest(entry.name)) {
      yield path;
    }
  }
}

async function compileTree(srcDir, outDir, nestedPackages = []) {
  await rm(outDir, { recursive: true, force: true });
  let count = 0;
  for await (const file of tsFiles(srcDir, nestedPackages)) {
    const out = join(outDir, relative(srcDir, file)).replace(/\.ts$/, '.js');
    const { code } = await transformFile(file, {
      ...swcOptions,
      filename: file,
    });
    await mkdir(dirname(out), { recursive: true });
    await writeFile(out, code);
    count++;
  }
  return count;
}

const started = Date.now();
const libraries = ['api/contracts', 'api/sql', 'dispatcher/matching'].map((p) => join(root, p));
let files = 0;
for (const lib of libraries) files += await compileTree(join(lib, 'src'), join(lib, 'dist'));
for (const app of ['api', 'dispatcher', 'infra']) {
  files += await compileTree(join(root, app), join(root, app, 'dist'), libraries);
}
for (const front of FRONT_ENDS) {
  if (!existsSync(join(root, front.dir, 'src', 'main.ts'))) {
    if (!quiet) console.warn(`build: ${front.dir} has no src/main.ts yet, skipped`);
    continue;
  }
  files += await buildFrontEnd(root, front, { quiet });
}
// The demo basemap (tiles, glyphs, styles) from the freshly compiled builder; skipped when unchanged.
const { buildBasemap } = await import(join(root, 'infra', 'dist', 'basemap', 'build-basemap.js'));
const basemap = buildBasemap(root);
if (!quiet) console.log(basemap);
if (!quiet) console.log(`build: ${files} outputs in ${Date.now() - started} ms`);
