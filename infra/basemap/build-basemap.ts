import type { FeatureCollection } from 'geojson';
import GeoJSONVT, { type LegacyTile } from 'geojson-vt';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { fromGeojsonVt } from 'vt-pbf';
import { ATTRIBUTION, basemapStyle, FONT_STACKS } from './basemap-style.js';
import { fontStackRanges, type FontStackSource } from './font-glyphs.js';
import { writePmtiles, type TileInput } from './pmtiles-writer.js';
import { basemapIcons, spriteSheet } from './sprite-sheet.js';

/**
 * `npm run build` step: the demo basemap, from data in the repository and fonts from npm, nothing
 * fetched. Writes into web-map/public (git-ignored):
 *   map/tiles.pmtiles                   the demo archive (Protomaps v4 layers), z0–DEMO_MAX_ZOOM
 *   map/fonts/{stack}/{range}.pbf       SDF glyphs, Latin, Latin-1 and Latin Extended-A
 *   map-style.json, map-style-dark.json the Protomaps light and dark styles, same-origin URLs
 * Skipped when its inputs have not changed since the last run.
 */

/** Deepest zoom in the demo archive; MapLibre over-zooms beyond it. */
const DEMO_MAX_ZOOM = 14;
/** Glyph ranges generated: 0–255 (Basic Latin, Latin-1) and 256–511 (Latin Extended-A and B). */
const GLYPH_RANGE_STARTS = [0, 256];
const CENTER: [number, number, number] = [24.94, 60.17, 12];

interface Paths {
  data: string;
  publicDir: string;
  fonts: string;
}

function pathsFrom(root: string): Paths {
  return {
    data: join(root, 'infra', 'basemap', 'helsinki-demo.geojson'),
    publicDir: join(root, 'web-map', 'public'),
    fonts: join(root, 'node_modules', '@fontsource', 'noto-sans', 'files'),
  };
}

function fontSources(fonts: string): FontStackSource[] {
  const files = (weight: number, style: string) =>
    ['latin', 'latin-ext'].map((subset) => join(fonts, `noto-sans-${subset}-${weight}-${style}.woff`));
  const [regular, medium, italic] = FONT_STACKS;
  return [
    { name: regular, files: files(400, 'normal') },
    { name: medium, files: files(500, 'normal') },
    { name: italic, files: files(400, 'italic') },
  ];
}

/** The demo features split by their `layer` property, which the tiles do not keep. */
function layersOf(collection: FeatureCollection): Map<string, FeatureCollection> {
  const layers = new Map<string, FeatureCollection>();
  for (const feature of collection.features) {
    const { layer, ...properties } = feature.properties ?? {};
    if (typeof layer !== 'string')
      throw new Error(`a demo feature has no layer: ${JSON.stringify(properties)}`);
    const features = layers.get(layer)?.features ?? [];
    features.push({ ...feature, properties });
    layers.set(layer, { type: 'FeatureCollection', features });
  }
  return layers;
}

function boundsOf(collection: FeatureCollection): [number, number, number, number] {
  const positions = collection.features.flatMap((feature) => {
    const g = feature.geometry;
    if (g.type === 'Point') return [g.coordinates];
    if (g.type === 'LineString') return g.coordinates;
    if (g.type === 'Polygon') return g.coordinates.flat();
    throw new Error(`unexpected geometry ${g.type} in the demo data`);
  });
  const xs = positions.map((p) => p[0]!);
  const ys = positions.map((p) => p[1]!);
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}

function tileRange(z: number, [west, south, east, north]: [number, number, number, number]) {
  const n = 2 ** z;
  const x = (lng: number) => Math.min(n - 1, Math.floor(((lng + 180) / 360) * n));
  const y = (lat: number) => {
    const r = (lat * Math.PI) / 180;
    return Math.min(n - 1, Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n));
  };
  return { minX: x(west), maxX: x(east), minY: y(north), maxY: y(south) };
}

/** Every tile over the data's bounds, each layer's features kept from their `min_zoom` on. */
export function demoTiles(collection: FeatureCollection, maxZoom = DEMO_MAX_ZOOM): TileInput[] {
  const indexes = [...layersOf(collection)].map(
    ([name, layer]) => [name, new GeoJSONVT(layer, { maxZoom, indexMaxZoom: 5, buffer: 64 })] as const,
  );
  const bounds = boundsOf(collection);
  const tiles: TileInput[] = [];
  for (let z = 0; z <= maxZoom; z++) {
    const { minX, maxX, minY, maxY } = tileRange(z, bounds);
    for (let x = minX; x <= maxX; x++)
      for (let y = minY; y <= maxY; y++) {
        const layers: Record<string, LegacyTile> = {};
        for (const [name, index] of indexes) {
          const features = (index.getTile(z, x, y)?.features ?? []).filter(
            (f) => Number(f.tags?.min_zoom ?? 0) <= z,
          );
          if (features.length > 0) layers[name] = { features };
        }
        if (Object.keys(layers).length > 0)
          tiles.push({ z, x, y, data: gzipSync(fromGeojsonVt(layers, { version: 2, extent: 4096 })) });
      }
  }
  return tiles;
}

function fieldsOf(layer: FeatureCollection): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const feature of layer.features)
    for (const [key, value] of Object.entries(feature.properties ?? {}))
      fields[key] = typeof value === 'number' ? 'Number' : typeof value === 'boolean' ? 'Boolean' : 'String';
  return fields;
}

function write(path: string, bytes: Uint8Array | string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, bytes);
}

/** A digest of everything the outputs depend on, so an unchanged build is skipped. */
function buildKey(paths: Paths): string {
  const hash = createHash('sha256').update(readFileSync(paths.data));
  const here = dirname(new URL(import.meta.url).pathname);
  for (const name of readdirSync(here).sort())
    if (name.endsWith('.js') || name.endsWith('.ts')) hash.update(readFileSync(join(here, name)));
  for (const source of fontSources(paths.fonts))
    for (const file of source.files) hash.update(readFileSync(file));
  return hash.digest('hex');
}

/** Builds the demo basemap into web-map/public; returns what it did, for the build's log. */
export function buildBasemap(root: string): string {
  const paths = pathsFrom(root);
  const mapDir = join(paths.publicDir, 'map');
  const keyFile = join(mapDir, '.build-key');
  const key = buildKey(paths);
  if (existsSync(keyFile) && readFileSync(keyFile, 'utf8') === key) return 'basemap: up to date';
  const started = Date.now();
  rmSync(mapDir, { recursive: true, force: true });

  const collection = JSON.parse(readFileSync(paths.data, 'utf8')) as FeatureCollection;
  const tiles = demoTiles(collection);
  const vectorLayers = [...layersOf(collection)].map(([id, layer]) => ({ id, fields: fieldsOf(layer) }));
  const archive = writePmtiles(tiles, {
    tileType: 1,
    tileCompression: 2,
    minZoom: 0,
    maxZoom: DEMO_MAX_ZOOM,
    bounds: boundsOf(collection),
    center: CENTER,
    metadata: {
      name: 'Navette demo: central Helsinki',
      description:
        'Hand-drawn demo extract in the Protomaps basemap v4 schema (infra/basemap/helsinki-demo.geojson)',
      attribution: ATTRIBUTION,
      type: 'baselayer',
      vector_layers: vectorLayers,
    },
  });
  write(join(mapDir, 'tiles.pmtiles'), archive);

  for (const source of fontSources(paths.fonts))
    for (const [range, bytes] of fontStackRanges(source, GLYPH_RANGE_STARTS))
      write(join(mapDir, 'fonts', source.name, `${range}.pbf`), bytes);

  const icons = basemapIcons();
  for (const [ratio, suffix] of [
    [1, ''],
    [2, '@2x'],
  ] as const) {
    const { png, index } = spriteSheet(icons, ratio);
    write(join(mapDir, 'sprites', `basemap${suffix}.png`), png);
    write(join(mapDir, 'sprites', `basemap${suffix}.json`), JSON.stringify(index));
  }

  write(join(paths.publicDir, 'map-style.json'), JSON.stringify(basemapStyle('light')));
  write(join(paths.publicDir, 'map-style-dark.json'), JSON.stringify(basemapStyle('dark')));
  write(keyFile, key);
  const kib = (archive.length / 1024).toFixed(0);
  return `basemap: ${tiles.length} tiles (${kib} KiB archive) and glyphs in ${Date.now() - started} ms`;
}
