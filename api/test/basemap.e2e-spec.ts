import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writePmtiles } from '../../infra/basemap/pmtiles-writer.js';
import { startStack, type Stack } from './stack.js';

/**
 * The self-hosted basemap over HTTP: the PMTiles archive answers range requests as the `pmtiles`
 * client sends them, glyph ranges answer per font stack, and MAP_TILES swaps the archive.
 * Needs `npm run build` (it writes the demo archive, glyphs and styles).
 */

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const demoArchive = join(root, 'web-map', 'public', 'map', 'tiles.pmtiles');

function range(baseUrl: string, path: string, bytes: string): Promise<Response> {
  return fetch(`${baseUrl}${path}`, { headers: { Range: `bytes=${bytes}` } });
}

describe('the basemap files', () => {
  let stack: Stack;
  const archive = readFileSync(demoArchive);

  beforeAll(async () => {
    stack = await startStack({ dispatcher: false });
  });

  afterAll(async () => {
    await stack.stop();
  });

  it('answers a range request on the archive with 206 and exactly those bytes, cacheable', async () => {
    const header = await range(stack.baseUrl, '/map/tiles.pmtiles', '0-126');
    expect(header.status).toBe(206);
    expect(header.headers.get('content-type')).toBe('application/vnd.pmtiles');
    expect(header.headers.get('content-range')).toBe(`bytes 0-126/${archive.length}`);
    expect(header.headers.get('accept-ranges')).toBe('bytes');
    expect(header.headers.get('cache-control')).toMatch(/max-age=3600/);
    expect(header.headers.get('etag')).toBeTruthy();
    const head = new Uint8Array(await header.arrayBuffer());
    expect(new TextDecoder().decode(head.subarray(0, 7))).toBe('PMTiles');
    expect(head[7]).toBe(3);

    const from = archive.length - 1000;
    const middle = await range(stack.baseUrl, '/map/tiles.pmtiles', `${from}-${from + 499}`);
    expect(middle.status).toBe(206);
    expect(Buffer.from(await middle.arrayBuffer())).toEqual(archive.subarray(from, from + 500));
  });

  it('refuses a range past the end with 416 and the size', async () => {
    const response = await range(
      stack.baseUrl,
      '/map/tiles.pmtiles',
      `${archive.length}-${archive.length + 10}`,
    );
    expect(response.status).toBe(416);
    expect(response.headers.get('content-range')).toBe(`bytes */${archive.length}`);
  });

  it('serves glyph ranges per font stack, the first known font of a list, and an empty range for other scripts', async () => {
    const regular = await fetch(`${stack.baseUrl}/map/fonts/Noto%20Sans%20Regular/0-255.pbf`);
    expect(regular.status).toBe(200);
    expect(regular.headers.get('content-type')).toBe('application/x-protobuf');
    const bytes = Buffer.from(await regular.arrayBuffer());
    expect(bytes).toEqual(
      readFileSync(join(root, 'web-map', 'public', 'map', 'fonts', 'Noto Sans Regular', '0-255.pbf')),
    );

    const listed = await fetch(
      `${stack.baseUrl}/map/fonts/Noto%20Sans%20Medium,Arial%20Unicode%20MS%20Bold/256-511.pbf`,
    );
    expect(listed.status).toBe(200);
    expect((await listed.arrayBuffer()).byteLength).toBeGreaterThan(10_000);

    const cyrillic = await fetch(`${stack.baseUrl}/map/fonts/Noto%20Sans%20Italic/1024-1279.pbf`);
    expect(cyrillic.status).toBe(200);
    expect((await cyrillic.arrayBuffer()).byteLength).toBe(0);

    for (const path of [
      'Comic%20Sans/0-255.pbf',
      'Noto%20Sans%20Regular/0-99.pbf',
      '..%2F..%2Fpackage.json/0-255.pbf',
    ])
      expect((await fetch(`${stack.baseUrl}/map/fonts/${path}`)).status).toBe(404);
  });

  it('styles name only font stacks whose glyphs it serves', async () => {
    for (const url of ['/map-style.json', '/map-style-dark.json']) {
      const style = (await (await fetch(`${stack.baseUrl}${url}`)).json()) as {
        layers: { layout?: Record<string, unknown> }[];
      };
      const stacks = new Set(
        JSON.stringify(style.layers.map((l) => l.layout?.['text-font'] ?? []))
          .match(/Noto Sans [A-Z][a-z]+/g)
          ?.values(),
      );
      expect([...stacks].sort()).toEqual(['Noto Sans Italic', 'Noto Sans Medium', 'Noto Sans Regular']);
      for (const name of stacks)
        expect((await fetch(`${stack.baseUrl}/map/fonts/${encodeURIComponent(name)}/0-255.pbf`)).status).toBe(
          200,
        );
    }
  });
});

describe('MAP_TILES', () => {
  it('serves the configured archive instead of the demo', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'navette-tiles-')), 'region.pmtiles');
    const bytes = writePmtiles([{ z: 0, x: 0, y: 0, data: new TextEncoder().encode('the whole world') }], {
      tileType: 1,
      tileCompression: 1,
      minZoom: 0,
      maxZoom: 0,
      bounds: [-180, -85, 180, 85],
      center: [0, 0, 0],
      metadata: { name: 'region' },
    });
    writeFileSync(path, bytes);
    const stack = await startStack({ dispatcher: false, mapTiles: path });
    try {
      const response = await range(stack.baseUrl, '/map/tiles.pmtiles', `0-${bytes.length - 1}`);
      expect(response.status).toBe(206);
      expect(Buffer.from(await response.arrayBuffer())).toEqual(Buffer.from(bytes));
    } finally {
      await stack.stop();
    }
  });
});
