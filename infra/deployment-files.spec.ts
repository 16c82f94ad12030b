import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { load } from 'js-yaml';

/**
 * What the image and the compose file promise, checked on the files themselves (CI has no Docker
 * engine to build or run them): the image runs as an unprivileged user, checks its health and
 * ships no dev dependency, which holds only if the code it runs imports none; every compose
 * service restarts and has a health check, and no secret is written in the file.
 */
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

/** Source files the image runs: no tests, benchmarks, fixtures or test helpers. */
function runtimeSources(dir: string): string[] {
  const skipped = new Set(['node_modules', 'dist', 'test', 'bench', 'fixtures', 'schema']);
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return skipped.has(entry.name) ? [] : runtimeSources(path);
    return /\.ts$/.test(entry.name) && !/\.(spec|int-spec|e2e-spec|d)\.ts$/.test(entry.name) ? [path] : [];
  });
}

/** The package a bare import names: `@scope/name` or `name`, without its subpath. */
const packageOf = (specifier: string) =>
  specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]!;

describe('the image (infra/Dockerfile)', () => {
  const dockerfile = readFileSync(join(root, 'infra', 'Dockerfile'), 'utf8');
  const finalStage = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));

  it('runs on Node 24 as an unprivileged user, checks its health, and drops dev dependencies', () => {
    expect(finalStage).toMatch(/^\nFROM node:24/);
    expect(finalStage).toMatch(/^USER (?!root\b)\w+/m);
    expect(finalStage).toMatch(/^HEALTHCHECK .*\/api\/health/ms);
    expect(dockerfile).toMatch(/npm ci\b/);
    expect(dockerfile).toMatch(/npm prune --omit=dev/);
  });

  it('the code it runs imports only runtime dependencies, Node’s own modules and the workspace packages', () => {
    const sources = [
      'api/src',
      'api/contracts/src',
      'api/sql/src',
      'dispatcher/src',
      'dispatcher/matching/src',
    ].flatMap((dir) => runtimeSources(join(root, dir)));
    expect(sources.length).toBeGreaterThan(100);
    const devOnly = new Map<string, string>();
    for (const file of sources) {
      const text = readFileSync(file, 'utf8');
      for (const [, specifier] of text.matchAll(/^\s*(?:import|export)\s[^'"]*?from\s+'([^'.][^']*)'/gm)) {
        const name = packageOf(specifier!);
        const allowed =
          name.startsWith('node:') ||
          builtinModules.includes(name) ||
          name.startsWith('@navette/') ||
          name in manifest.dependencies;
        if (!allowed) devOnly.set(name, file.slice(root.length + 1));
      }
    }
    expect(Object.fromEntries(devOnly)).toEqual({});
  });
});

describe('the compose file (infra/compose.yaml)', () => {
  const compose = load(readFileSync(join(root, 'infra', 'compose.yaml'), 'utf8')) as {
    services: Record<
      string,
      {
        restart?: string;
        build?: unknown;
        healthcheck?: { test?: unknown; disable?: boolean };
        environment?: Record<string, string | number>;
      }
    >;
  };
  const services = Object.entries(compose.services);

  it('every service restarts when it dies and has a health check (the image’s own for the API)', () => {
    expect(services.length).toBeGreaterThanOrEqual(4);
    for (const [name, service] of services) {
      expect([name, service.restart]).toEqual([
        name,
        expect.stringMatching(/^(unless-stopped|always|on-failure)$/),
      ]);
      const ownCheck = service.healthcheck?.test !== undefined;
      const imageCheck = service.build !== undefined && service.healthcheck === undefined; // HEALTHCHECK above
      const oneShot = service.healthcheck?.disable === true && service.restart === 'on-failure';
      expect([name, ownCheck || imageCheck || oneShot]).toEqual([name, true]);
    }
  });

  it('holds no secret: passwords, secrets and tokens come from the environment', () => {
    for (const [name, service] of services) {
      for (const [key, value] of Object.entries(service.environment ?? {})) {
        if (/PASSWORD|SECRET|TOKEN/.test(key))
          expect([name, key, value]).toEqual([name, key, expect.stringMatching(/^\$\{/)]);
        if (typeof value === 'string' && /:\/\/[^/]*:[^@$]+@/.test(value))
          throw new Error(`${name}.${key} writes a password in a URL: ${value}`);
      }
    }
  });
});
