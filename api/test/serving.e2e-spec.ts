import { startStack, type Stack } from './stack.js';

/** What a newcomer opens: the map at /, the driver app at /driver/, the OpenAPI document, the config. */
describe('what the API serves', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack({ dispatcher: false });
  });

  afterAll(async () => {
    await stack.stop();
  });

  it('serves an OpenAPI 3 document listing the routes', async () => {
    const response = await fetch(`${stack.baseUrl}/api/openapi.json`);
    expect(response.status).toBe(200);
    const document = (await response.json()) as { openapi: string; paths: Record<string, unknown> };
    expect(document.openapi).toMatch(/^3\./);
    for (const path of [
      '/api/auth/login',
      '/api/rides',
      '/api/rides/{id}',
      '/api/shifts/start',
      '/api/health',
      '/api/territories',
    ]) {
      expect(Object.keys(document.paths)).toContain(path);
    }
  });

  it('serves the web map at / and the driver app at /driver/', async () => {
    for (const [path, marker] of [
      ['/', /"\/build\/main-\w+\.js"/],
      ['/driver/', /"\/driver\/build\/main-\w+\.js"/],
    ] as const) {
      const response = await fetch(`${stack.baseUrl}${path}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toContain('text/html');
      expect(await response.text()).toMatch(marker);
    }
  });

  it('tells the front ends which basemap styles to load; they request nothing from another host', async () => {
    const config = (await (await fetch(`${stack.baseUrl}/api/config`)).json()) as {
      mapStyleUrl: string;
      mapStyleDarkUrl: string;
    };
    expect(config).toEqual({ mapStyleUrl: '/map-style.json', mapStyleDarkUrl: '/map-style-dark.json' });
    for (const url of [config.mapStyleUrl, config.mapStyleDarkUrl]) {
      const style = (await (await fetch(`${stack.baseUrl}${url}`)).json()) as {
        glyphs: string;
        sprite: string;
        sources: Record<string, { url?: string; tiles?: string[]; data?: unknown }>;
      };
      // Every URL the map will fetch is a path on this origin (attribution links are only links).
      const fetched = [
        style.glyphs,
        style.sprite,
        ...Object.values(style.sources).flatMap((s) => [s.url ?? '', ...(s.tiles ?? [])]),
      ];
      for (const target of fetched.filter(Boolean))
        expect(target.replace(/^pmtiles:\/\//, '')).toMatch(/^\/[^/]/);
    }
  });

  it('every response, pages and API, errors too, carries the security headers', async () => {
    const bundle = /"(\/build\/main-\w+\.js)"/.exec(await (await fetch(`${stack.baseUrl}/`)).text())?.[1];
    expect(bundle).toBeDefined();
    for (const path of ['/', '/driver/', bundle!, '/api/health', '/api/territories', '/api/nothing-here']) {
      const headers = (await fetch(`${stack.baseUrl}${path}`)).headers;
      expect([path, headers.get('x-content-type-options')]).toEqual([path, 'nosniff']);
      expect([path, headers.get('referrer-policy')]).toEqual([path, 'no-referrer']);
      const policy = new Map(
        (headers.get('content-security-policy') ?? '').split(';').map((directive) => {
          const [name, ...values] = directive.trim().split(/\s+/);
          return [name, values.join(' ')];
        }),
      );
      expect([path, policy.get('frame-ancestors')]).toEqual([path, "'none'"]);
      expect([path, policy.get('default-src')]).toEqual([path, "'self'"]);
      expect([path, policy.get('script-src')]).toEqual([path, "'self'"]);
      // MapLibre's worker starts from a blob: URL; its images may be data: or blob:.
      expect([path, policy.get('worker-src')]).toEqual([path, "'self' blob:"]);
      expect([path, policy.get('img-src')]).toEqual([path, "'self' data: blob:"]);
    }
  });

  it('an unknown API route is a 404 with an error code', async () => {
    const response = await fetch(`${stack.baseUrl}/api/nothing-here`);
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ statusCode: 404, code: 'NOT_FOUND' });
  });
});
