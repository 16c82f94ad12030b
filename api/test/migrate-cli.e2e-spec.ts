import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import pg from 'pg';
import { serverUrl } from './test-database.js';

const run = promisify(execFile);
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

describe('the migrate CLI (built dist/, as compose runs it)', () => {
  const name = `navette_m_${randomBytes(5).toString('hex')}`;
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;

  beforeAll(async () => {
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
  });

  afterAll(async () => {
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  });

  it('migrates with DATABASE_URL alone: no REDIS_URL, no JWT_SECRET, in production', async () => {
    const env = { PATH: process.env.PATH ?? '', NODE_ENV: 'production', DATABASE_URL: url.toString() };
    const { stdout } = await run(process.execPath, [join(root, 'api/dist/src/cli/migrate.js')], { env });
    expect(stdout).toMatch(/^migrations applied: /);
    const again = await run(process.execPath, [join(root, 'api/dist/src/cli/migrate.js')], { env });
    expect(again.stdout).toMatch(/schema is up to date/);
  });
});
