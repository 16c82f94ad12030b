import { createHash, randomBytes } from 'node:crypto';
import pg from 'pg';
import { runMigrations } from '../src/database/data-source.js';
import { migrations } from '../src/database/migrations/index.js';

/** Serialises the building of templates between test processes sharing a server. */
const BUILD_LOCK = 'navette test template';
/** Templates of other migration sets (another branch, an edited migration) kept this long. */
const STALE_AFTER_MS = 24 * 3600_000;

/**
 * The name of a database holding exactly the schema of this checkout's migrations, on the server
 * of `serverUrl`, built the first time it is asked for: test databases are copies of it
 * (`CREATE DATABASE … TEMPLATE`, ~0.1 s) instead of each running every migration (~1.5 s on an
 * idle core; ninety-odd test databases in a run). The name carries a hash of the migrations'
 * names and code, so an edited or added migration gets a new template. Built under a temporary
 * name and renamed when complete: a template that exists is whole, even after a crash mid-build.
 * It accepts no connections, which keeps it copyable.
 */
export function migratedTemplate(serverUrl: string): Promise<string> {
  return built.get(serverUrl) ?? remember(serverUrl, buildTemplate(serverUrl));
}

const built = new Map<string, Promise<string>>();
function remember(serverUrl: string, template: Promise<string>): Promise<string> {
  built.set(serverUrl, template);
  template.catch(() => built.delete(serverUrl));
  return template;
}

function migrationsHash(): string {
  const hash = createHash('sha256');
  for (const migration of migrations) {
    const { up, down } = migration.prototype;
    hash.update(`${migration.name}\n${up.toString()}\n${down.toString()}\n`);
  }
  return hash.digest('hex').slice(0, 16);
}

async function buildTemplate(serverUrl: string): Promise<string> {
  const name = `navette_tpl_${migrationsHash()}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`SELECT pg_advisory_lock(hashtext($1))`, [BUILD_LOCK]);
    const exists = await admin.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [name]);
    if (exists.rowCount) return name;
    const building = `${name}_building_${randomBytes(4).toString('hex')}`;
    await admin.query(`CREATE DATABASE ${building}`);
    try {
      const url = new URL(serverUrl);
      url.pathname = `/${building}`;
      await runMigrations(url.toString());
      await admin.query(`ALTER DATABASE ${building} RENAME TO ${name}`);
    } catch (error) {
      await admin.query(`DROP DATABASE IF EXISTS ${building} WITH (FORCE)`);
      throw error;
    }
    await admin.query(`ALTER DATABASE ${name} ALLOW_CONNECTIONS false`);
    await admin.query(`COMMENT ON DATABASE ${name} IS '${new Date().toISOString()}'`);
    await dropStaleTemplates(admin, name);
    return name;
  } finally {
    await admin.query(`SELECT pg_advisory_unlock(hashtext($1))`, [BUILD_LOCK]).catch(() => undefined);
    await admin.end();
  }
}

/** Other checkouts' templates not rebuilt for a day, and builds a crash left behind. */
async function dropStaleTemplates(admin: pg.Client, current: string): Promise<void> {
  const others = await admin.query<{ name: string; made: string | null }>(
    `SELECT d.datname AS name, shobj_description(d.oid, 'pg_database') AS made
       FROM pg_database d WHERE d.datname LIKE 'navette\\_tpl\\_%' AND d.datname <> $1`,
    [current],
  );
  for (const { name, made } of others.rows) {
    const madeAt = made ? Date.parse(made) : Number.NaN;
    // A build in progress holds the lock we hold: an unfinished one here was left by a crash.
    if (Number.isFinite(madeAt) && Date.now() - madeAt < STALE_AFTER_MS) continue;
    // A copy being made from it blocks the drop; the next build tries again.
    await admin.query(`DROP DATABASE IF EXISTS ${name}`).catch(() => undefined);
  }
}
