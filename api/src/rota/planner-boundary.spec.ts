import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const apiSource = join(dirname(fileURLToPath(import.meta.url)), '..');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') && !entry.name.includes('.spec.') ? [path] : [];
  });
}

/**
 * What the API may take from the matching core: its travel model (a pure function of two points,
 * for the rider's estimate before asking, `rides/ride-estimate.ts`, and the pickup estimate its
 * ride view computes in SQL from the model's defaults). Nothing that plans.
 */
const TRAVEL_MODEL = new Set([
  'TravelTimes',
  'GreatCircleTravelTimes',
  'DEFAULT_CIRCUITY',
  'DEFAULT_SPEED_METERS_PER_SECOND',
]);

/** The names a file imports from `@navette/matching` (every import statement, `type` or not). */
function matchingImports(text: string): string[] {
  const names = [...text.matchAll(/import\s+(?:type\s+)?\{([^}]*)\}\s+from\s+'@navette\/matching'/g)].flatMap(
    (m) =>
      m[1]!
        .split(',')
        .map(
          (name) =>
            name
              .replace(/^\s*type\s+/, '')
              .trim()
              .split(/\s+as\s+/)[0]!,
        )
        .filter(Boolean),
  );
  // Any other form (a namespace import, a dynamic import) is reported whole.
  const other = /import\s+\*\s+as\s+\w+\s+from\s+'@navette\/matching'|import\('@navette\/matching'\)/.test(
    text,
  );
  return other ? [...names, '*'] : names;
}

describe('the API never plans on its own event loop', () => {
  it('imports nothing from the matching core but its travel model: planning is the dispatcher’s job (plan-day)', () => {
    const planners = sources(apiSource).flatMap((file) =>
      matchingImports(readFileSync(file, 'utf8'))
        .filter((name) => !TRAVEL_MODEL.has(name))
        .map((name) => `${file.slice(apiSource.length + 1)}: ${name}`),
    );
    expect(planners).toEqual([]);
  });

  it('sees a planner import for what it is', () => {
    expect(matchingImports("import { planRoutes, type TravelTimes } from '@navette/matching';")).toEqual([
      'planRoutes',
      'TravelTimes',
    ]);
    expect(matchingImports("import * as m from '@navette/matching';")).toEqual(['*']);
  });
});
