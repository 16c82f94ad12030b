import { randomBytes } from 'node:crypto';
import { createScratchDatabase } from '../../infra/testing/scratch-database.js';
import { migratedTemplate } from './migrated-template.js';

/** The server tests create their databases on; CI exports DATABASE_URL. */
export const serverUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

/**
 * A fresh database with the schema built by the real migrations: a copy of a template they built
 * once for this checkout (`migrated-template.ts`). Dropped by `drop()`.
 */
export async function createTestDatabase(prefix = 'navette_t'): Promise<TestDatabase> {
  return createScratchDatabase(serverUrl, prefix, await migratedTemplate(serverUrl));
}

export const uniquePrefix = (label: string) => `${label}-${randomBytes(4).toString('hex')}`;
