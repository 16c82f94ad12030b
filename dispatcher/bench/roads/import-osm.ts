import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);

/** osm2pgrouting's car profile as Debian installs it. */
export const CAR_PROFILE = '/usr/share/osm2pgrouting/mapconfig_for_cars.xml';

/**
 * Imports an OpenStreetMap file's text into the database at `databaseUrl` as a real extract would
 * be: the `postgis` and `pgrouting` extensions, then `osm2pgrouting --clean` with the car profile
 * (tables `ways` and `ways_vertices_pgr`). Needs Debian's `osm2pgrouting` and
 * `postgresql-<version>-pgrouting` on the machine.
 */
export async function importOsm(databaseUrl: string, osmXml: string, profile = CAR_PROFILE): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('CREATE EXTENSION IF NOT EXISTS postgis');
    await client.query('CREATE EXTENSION IF NOT EXISTS pgrouting');
  } finally {
    await client.end();
  }
  const url = new URL(databaseUrl);
  const folder = await mkdtemp(join(tmpdir(), 'navette-osm-'));
  try {
    const file = join(folder, 'network.osm');
    await writeFile(file, osmXml);
    const args = ['-f', file, '-c', profile, '--clean', '-d', decodeURIComponent(url.pathname.slice(1))];
    args.push('-h', url.hostname || '127.0.0.1', '-p', url.port || '5432');
    if (url.username) args.push('-U', decodeURIComponent(url.username));
    if (url.password) args.push('-W', decodeURIComponent(url.password));
    await run('osm2pgrouting', args, { maxBuffer: 1 << 24 });
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}
