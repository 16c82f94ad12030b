// Bundles one front end for the browser (infra/adr/0017):
//   <front>/src/main.ts    → <front>/public/build/main-<hash>.js (+ .css), each beside its .br and .gz
//   shared heavy libraries → <front>/public/build/chunk-<hash>.js: the vendor chunk, outside the budget
//   <front>/src/index.html → <front>/public/index.html, naming the hashed files
//   source maps            → <front>/dist/sourcemaps/ (never under public/: not served)
//   what was written       → <front>/dist/build-manifest.json (for tests and operators)
//   `serviceWorker`        → <front>/public/sw.js, naming the shell to keep offline and its version
// The build fails when a front end's own JavaScript exceeds its gzip budget.
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { basename, join, relative } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

const gzipAsync = promisify(gzip);
const brotliAsync = promisify(brotliCompress);

/** The most of a front end's own JavaScript (all but the vendor chunk) a phone downloads, bytes gzip. */
export const OWN_JS_BUDGET_GZIP_BYTES = 60_000;

/** The map's libraries (MapLibre, its worker as text, PMTiles): every page with a map keeps them apart. */
const MAP_VENDOR = [
  ['maplibre-gl', 'maplibre-gl', ''],
  ['maplibre-gl', 'maplibre-gl/dist/maplibre-gl-worker.mjs', " with { type: 'text' }"],
  ['pmtiles', 'pmtiles', ''],
];

/**
 * The front ends. `vendor`: the heavy libraries kept out of the page's own code, as
 * `[package, specifier, import attributes]`; a package not installed is left out.
 */
export const FRONT_ENDS = [
  {
    dir: 'web-map',
    urlPrefix: '/build/',
    vendor: MAP_VENDOR,
    // Installable and usable offline (issue 9): the page, its bundles and these are kept.
    serviceWorker: {
      src: 'src/offline/service-worker.ts',
      shell: [
        '/manifest.webmanifest',
        '/icon-192.png',
        '/icon-512.png',
        '/map-style.json',
        '/map-style-dark.json',
      ],
    },
  },
  {
    dir: 'driver-app',
    urlPrefix: '/driver/build/',
    vendor: MAP_VENDOR,
  },
  {
    dir: 'web-map/console',
    urlPrefix: '/coordinate/build/',
    vendor: [
      ...MAP_VENDOR,
      // The fairness charts and the territory drawing tools (web-map/console/README.md).
      ['uplot', 'uplot', ''],
      ['terra-draw', 'terra-draw', ''],
      ['terra-draw-maplibre-gl-adapter', 'terra-draw-maplibre-gl-adapter', ''],
    ],
  },
  { dir: 'web-map/account', urlPrefix: '/account/build/', vendor: [] },
  {
    dir: 'web-map/track',
    urlPrefix: '/track/build/',
    vendor: MAP_VENDOR,
  },
];

const VENDOR_ENTRY = 'navette-vendor';

/** The runtime dependencies a package declares (its package.json `dependencies`). */
function dependenciesOf(root, pkg) {
  const manifest = JSON.parse(readFileSync(join(root, 'node_modules', pkg, 'package.json'), 'utf8'));
  return Object.keys(manifest.dependencies ?? {});
}

/** A virtual entry point that re-exports the vendor libraries: esbuild then splits them into a chunk of their own. */
function vendorPlugin(root, vendor) {
  const contents = vendor
    .map(([, specifier, attributes], i) =>
      attributes
        ? `export { default as v${i} } from '${specifier}'${attributes};`
        : `export * as v${i} from '${specifier}';`,
    )
    .join('\n');
  return {
    name: 'navette-vendor',
    setup(b) {
      b.onResolve({ filter: new RegExp(`^${VENDOR_ENTRY}$`) }, () => ({
        path: VENDOR_ENTRY,
        namespace: 'vendor',
      }));
      b.onLoad({ filter: /.*/, namespace: 'vendor' }, () => ({ contents, resolveDir: root, loader: 'js' }));
    },
  };
}

const kB = (bytes) => `${(bytes / 1000).toFixed(1)} kB`;

/**
 * Builds one front end; returns the number of files written to public/. Options: `quiet`;
 * `budgetGzipBytes` (default OWN_JS_BUDGET_GZIP_BYTES); `outBase`, where `public/` and `dist/` are
 * written (default the front end's folder; tests build elsewhere).
 */
export async function buildFrontEnd(
  root,
  front,
  { quiet = false, budgetGzipBytes = OWN_JS_BUDGET_GZIP_BYTES, outBase } = {},
) {
  const base = join(root, front.dir);
  const out = outBase ?? base;
  const outDir = join(out, 'public', 'build');
  const mapsDir = join(out, 'dist', 'sourcemaps');
  const vendor = front.vendor.filter(([pkg]) => existsSync(join(root, 'node_modules', pkg, 'package.json')));
  const listed = [...new Set(vendor.map(([pkg]) => pkg))];
  // A vendor library's own dependencies (pmtiles → fflate) travel in its chunk: they count as vendor too.
  const vendorPackages = [...new Set([...listed, ...listed.flatMap((pkg) => dependenciesOf(root, pkg))])];
  const entryPoints = [{ in: join(base, 'src', 'main.ts'), out: 'main' }];
  if (vendor.length > 0) entryPoints.push({ in: VENDOR_ENTRY, out: 'vendor' });

  const result = await build({
    entryPoints,
    bundle: true,
    splitting: true,
    format: 'esm',
    target: 'es2022',
    minify: true,
    sourcemap: 'external',
    outdir: outDir,
    entryNames: '[name]-[hash]',
    chunkNames: 'chunk-[hash]',
    assetNames: '[name]-[hash]',
    metafile: true,
    write: false,
    logLevel: 'warning',
    plugins: vendor.length > 0 ? [vendorPlugin(root, vendor)] : [],
  });

  await rm(mapsDir, { recursive: true, force: true });
  await mkdir(outDir, { recursive: true });
  await mkdir(mapsDir, { recursive: true });
  // A file's name is its content's hash: one already built with its .gz and .br is kept as it is.
  const names = new Set(
    result.outputFiles.map((file) => basename(file.path)).filter((n) => !n.endsWith('.map')),
  );
  for (const old of await readdir(outDir))
    if (!names.has(old.replace(/\.(br|gz)$/, ''))) await rm(join(outDir, old), { force: true });
  const gzipBytes = new Map();
  let written = 0;
  for (const file of result.outputFiles) {
    const name = basename(file.path);
    if (name.endsWith('.map')) {
      await writeFile(join(mapsDir, name), file.contents);
      continue;
    }
    const path = join(outDir, name);
    if ([path, `${path}.gz`, `${path}.br`].every((p) => existsSync(p))) {
      gzipBytes.set(name, (await stat(`${path}.gz`)).size);
      continue;
    }
    const [gz, br] = await Promise.all([
      gzipAsync(file.contents, { level: 9 }),
      brotliAsync(file.contents, {
        params: {
          [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
          [constants.BROTLI_PARAM_SIZE_HINT]: file.contents.length,
        },
      }),
    ]);
    // The plain file last: its presence says the three are complete.
    await Promise.all([writeFile(`${path}.gz`, gz), writeFile(`${path}.br`, br)]);
    await writeFile(path, file.contents);
    gzipBytes.set(name, gz.length);
    written += 3;
  }

  // Which output is which: the page's entry, its CSS, the chunks it loads, the vendor chunks.
  const outputs = result.metafile.outputs;
  const nameOf = (path) => basename(path);
  const mainPath = Object.keys(outputs).find((path) =>
    outputs[path].entryPoint?.endsWith(join('src', 'main.ts')),
  );
  if (!mainPath) throw new Error(`build: ${front.dir} produced no main bundle`);
  const isVendor = (path) => {
    const inputs = Object.entries(outputs[path].inputs).filter(([, input]) => input.bytesInOutput > 0);
    return (
      inputs.length > 0 &&
      inputs.every(([input]) => vendorPackages.some((pkg) => input.startsWith(`node_modules/${pkg}/`)))
    );
  };
  const loaded = new Set();
  const visit = (path) => {
    if (loaded.has(path)) return;
    loaded.add(path);
    for (const imported of outputs[path].imports)
      if (imported.kind === 'import-statement') visit(imported.path);
  };
  visit(mainPath);
  const js = [...loaded].filter((path) => path.endsWith('.js'));
  const own = js.filter((path) => !isVendor(path));
  const vendorJs = js.filter(isVendor);
  const sum = (paths) => paths.reduce((total, path) => total + (gzipBytes.get(nameOf(path)) ?? 0), 0);
  const ownJsGzipBytes = sum(own);
  const vendorJsGzipBytes = sum(vendorJs);
  const cssPath = outputs[mainPath].cssBundle;
  const url = (path) => `${front.urlPrefix}${nameOf(path)}`;

  // The page, naming the hashed files; the chunks it imports are preloaded with it.
  const template = await readFile(join(base, 'src', 'index.html'), 'utf8');
  const preloads = js
    .filter((path) => path !== mainPath)
    .map((path) => `<link rel="modulepreload" href="${url(path)}" />`)
    .join('\n    ');
  let html = template.replace(`${front.urlPrefix}main.js`, url(mainPath));
  if (cssPath) html = html.replace(`${front.urlPrefix}main.css`, url(cssPath));
  if (preloads) html = html.replace('<script type="module"', `${preloads}\n    <script type="module"`);
  for (const stale of [`${front.urlPrefix}main.js`, `${front.urlPrefix}main.css`])
    if (html.includes(stale)) throw new Error(`build: ${front.dir}/src/index.html still names ${stale}`);
  await writeFile(join(out, 'public', 'index.html'), html);
  written++;
  if (front.serviceWorker) {
    const shell = ['/', ...js.map(url), ...(cssPath ? [url(cssPath)] : []), ...front.serviceWorker.shell];
    await buildServiceWorker(join(base, front.serviceWorker.src), join(out, 'public', 'sw.js'), shell);
    written++;
  }

  const manifest = {
    html: '/index.html',
    main: url(mainPath),
    css: cssPath ? url(cssPath) : null,
    chunks: js.filter((path) => path !== mainPath).map(url),
    files: Object.keys(outputs)
      .filter((path) => !path.endsWith('.map'))
      .map(url),
    ownJsGzipBytes,
    vendorJsGzipBytes,
    budgetGzipBytes,
  };
  await writeFile(join(out, 'dist', 'build-manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);

  const vendorNote = vendorJs.length > 0 ? `, ${listed.join(' + ')} ${kB(vendorJsGzipBytes)} gzip apart` : '';
  if (!quiet)
    console.log(
      `build: ${front.dir} own JS ${kB(ownJsGzipBytes)} gzip (budget ${kB(budgetGzipBytes)})${vendorNote}` +
        ` → ${relative(root, outDir)}/`,
    );
  if (ownJsGzipBytes > budgetGzipBytes)
    throw new Error(
      `build: ${front.dir}'s own JavaScript is ${kB(ownJsGzipBytes)} gzip, over its budget of ` +
        `${kB(budgetGzipBytes)} (${own.map(nameOf).join(', ')}): make it smaller, or move a ` +
        `heavy library to the vendor chunk in infra/scripts/front-ends.mjs if it is one.`,
    );
  return written;
}

/**
 * A front end's service worker, as a classic script (what every browser registers), told the shell
 * to keep and its version: a hash of the shell's names, which change with their content, so a new
 * build is a new worker and a new cache.
 */
async function buildServiceWorker(src, dest, shell) {
  const version = createHash('sha256').update(shell.join('\n')).digest('hex').slice(0, 16);
  const result = await build({
    entryPoints: [src],
    bundle: true,
    format: 'iife',
    target: 'es2022',
    minify: true,
    write: false,
    logLevel: 'warning',
    define: { NAVETTE_SHELL: JSON.stringify(shell), NAVETTE_VERSION: JSON.stringify(version) },
  });
  await writeFile(dest, result.outputFiles[0].contents);
}
