import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildFrontEnd, FRONT_ENDS, OWN_JS_BUDGET_GZIP_BYTES } from './front-ends.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const front = (dir: string) => FRONT_ENDS.find((f) => f.dir === dir)!;

/** The front-end build, into a temporary folder: hashed, compressed, mapped privately, within budget. */
describe('buildFrontEnd', () => {
  const outs: string[] = [];
  const out = () => {
    const dir = mkdtempSync(join(tmpdir(), 'navette-front-'));
    outs.push(dir);
    return dir;
  };

  afterAll(() => {
    for (const dir of outs) rmSync(dir, { recursive: true, force: true });
  });

  it('writes hashed bundles with .br and .gz, the page naming them, and source maps outside public/', async () => {
    const outBase = out();
    await buildFrontEnd(root, front('driver-app'), { quiet: true, outBase });
    const built = readdirSync(join(outBase, 'public', 'build'));
    const main = built.find((name) => /^main-[A-Z0-9]{8}\.js$/.test(name));
    expect(main).toBeDefined();
    for (const name of built.filter((n) => /\.(js|css)$/.test(n)))
      expect(built).toEqual(expect.arrayContaining([`${name}.br`, `${name}.gz`]));
    expect(built.filter((name) => name.includes('.map'))).toEqual([]);
    expect(existsSync(join(outBase, 'dist', 'sourcemaps', `${main}.map`))).toBe(true);
    const html = readFileSync(join(outBase, 'public', 'index.html'), 'utf8');
    expect(html).toContain(`src="/driver/build/${main}"`);
    const manifest = JSON.parse(readFileSync(join(outBase, 'dist', 'build-manifest.json'), 'utf8')) as {
      ownJsGzipBytes: number;
      budgetGzipBytes: number;
    };
    expect(manifest.ownJsGzipBytes).toBeGreaterThan(0);
    expect(manifest.budgetGzipBytes).toBe(OWN_JS_BUDGET_GZIP_BYTES);
  }, 60_000);

  it('fails when the own JavaScript is over its budget', async () => {
    await expect(
      buildFrontEnd(root, front('driver-app'), { quiet: true, outBase: out(), budgetGzipBytes: 1_000 }),
    ).rejects.toThrow(/driver-app's own JavaScript is .* over its budget of 1\.0 kB/);
  }, 60_000);

  it('keeps MapLibre out of the map page’s own JavaScript, in a chunk of its own', async () => {
    const outBase = out();
    await buildFrontEnd(root, front('web-map'), { quiet: true, outBase });
    const manifest = JSON.parse(readFileSync(join(outBase, 'dist', 'build-manifest.json'), 'utf8')) as {
      chunks: string[];
      ownJsGzipBytes: number;
      vendorJsGzipBytes: number;
    };
    expect(manifest.chunks).toHaveLength(1);
    expect(manifest.vendorJsGzipBytes).toBeGreaterThan(200_000);
    expect(manifest.ownJsGzipBytes).toBeLessThan(OWN_JS_BUDGET_GZIP_BYTES);
  }, 120_000);
});
