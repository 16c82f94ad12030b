import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { startStack, type Stack } from '../../api/test/stack.js';
import { buildManifest, ensureFrontEndsBuilt, root, type FrontEnd } from './front-end-build.js';

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** A GET that leaves the body as sent (fetch would decode it): what the bytes on the wire are. */
function get(url: string, acceptEncoding?: string): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { headers: acceptEncoding ? { 'accept-encoding': acceptEncoding } : {} },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        );
      },
    );
    req.on('error', reject);
    req.end();
  });
}

const FRONTS: [FrontEnd, string][] = [
  ['web-map', '/'],
  ['driver-app', '/driver/'],
];
const IMMUTABLE = 'public, max-age=31536000, immutable';

/** How the pages' files reach a phone: hashed names cached for good, compressed, no source maps. */
describe('the front ends as served', () => {
  let stack: Stack;

  beforeAll(async () => {
    ensureFrontEndsBuilt();
    stack = await startStack({ dispatcher: false });
  }, 120_000);

  afterAll(async () => {
    await stack?.stop();
  }, 60_000);

  it.each(FRONTS)(
    '%s: the page names its hashed bundles and is asked for again each time',
    async (front, page) => {
      const manifest = buildManifest(front);
      const response = await get(`${stack.baseUrl}${page}`, 'br, gzip');
      expect(response.status).toBe(200);
      expect(response.headers['cache-control']).toBe('no-cache');
      const html = response.body.toString('utf8');
      expect(html).toContain(`src="${manifest.main}"`);
      if (manifest.css) expect(html).toContain(`href="${manifest.css}"`);
      for (const url of [manifest.main, manifest.css, ...manifest.chunks].filter(
        (u): u is string => u !== null,
      ))
        expect(url).toMatch(/\/build\/(main|chunk)-[A-Z0-9]{8}\.(js|css)$/);
    },
  );

  it.each(FRONTS)(
    '%s: bundles come brotli, gzip or plain as the client accepts, cached as immutable',
    async (front) => {
      const manifest = buildManifest(front);
      for (const url of [manifest.main, manifest.css, ...manifest.chunks].filter(
        (u): u is string => u !== null,
      )) {
        const onDisk = readFileSync(join(root, front, 'public', 'build', url.split('/').pop()!));
        const type = url.endsWith('.js') ? /javascript/ : /text\/css/;

        const br = await get(`${stack.baseUrl}${url}`, 'gzip, deflate, br');
        expect([url, br.status, br.headers['content-encoding']]).toEqual([url, 200, 'br']);
        expect(brotliDecompressSync(br.body).equals(onDisk)).toBe(true);
        expect(br.headers['cache-control']).toBe(IMMUTABLE);
        expect(br.headers['vary']).toMatch(/accept-encoding/i);
        expect(br.headers['content-type']).toMatch(type);
        expect(br.body.length).toBeLessThan(onDisk.length);

        const gz = await get(`${stack.baseUrl}${url}`, 'gzip, br;q=0');
        expect([url, gz.headers['content-encoding']]).toEqual([url, 'gzip']);
        expect(gunzipSync(gz.body).equals(onDisk)).toBe(true);
        expect(gz.headers['cache-control']).toBe(IMMUTABLE);

        const plain = await get(`${stack.baseUrl}${url}`);
        expect([url, plain.headers['content-encoding']]).toEqual([url, undefined]);
        expect(plain.body.equals(onDisk)).toBe(true);
        expect(plain.headers['content-type']).toMatch(type);
      }
    },
  );

  it.each(FRONTS)('%s: no source map is reachable, nor named in a bundle', async (front) => {
    const manifest = buildManifest(front);
    for (const url of manifest.files) {
      expect([url, (await get(`${stack.baseUrl}${url}.map`)).status]).toEqual([url, 404]);
      const served = await get(`${stack.baseUrl}${url}`);
      // The bundle's own last line would name its map (a string inside MapLibre's worker does not count).
      const tail = served.body.toString('utf8').slice(-300);
      expect([url, /[#@] sourceMappingURL=\S+\s*(\*\/)?\s*$/.test(tail)]).toEqual([url, false]);
    }
    const prefix = front === 'web-map' ? '' : '/driver';
    const mapName = `${manifest.main.split('/').pop()}.map`;
    for (const path of [
      `/dist/sourcemaps/${mapName}`,
      `${prefix}/build/..%2f..%2fdist%2fsourcemaps%2f${mapName}`,
    ])
      expect([path, (await get(`${stack.baseUrl}${path}`)).status]).toEqual([path, 404]);
  });

  it('a missing bundle is a 404, not the page', async () => {
    expect((await get(`${stack.baseUrl}/build/main-NOTBUILT.js`, 'br')).status).toBe(404);
  });
});
