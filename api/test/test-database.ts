import { randomBytes } from 'node:crypto';
import { createScratchDatabase } from '../../infra/testing/scratch-database.js';
import { runMigrations } from '../src/database/data-source.js';

/** The server tests create their databases on; CI exports DATABASE_URL. */
export const serverUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

/** A fresh database with the schema built by the real migrations. Dropped by `drop()`. */
export async function createTestDatabase(prefix = 'navette_t'): Promise<TestDatabase> {
  const database = await createScratchDatabase(serverUrl, prefix);
  await runMigrations(database.url);
  return database;
}

export const uniquePrefix = (label: string) => `${label}-${randomBytes(4).toString('hex')}`;
