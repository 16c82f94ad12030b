import { poolOptions } from '@navette/sql';
import { DataSource } from 'typeorm';
import { migrations } from './migrations/index.js';

/**
 * The one way the API (and its CLIs) opens PostgreSQL. `synchronize` is off: the schema is the
 * migrations' alone. Queries go through `*.repository.ts` files with SQL, because most of them
 * are PostGIS queries that an entity mapping would only obscure.
 */
export function createDataSource(databaseUrl: string, options: { poolSize?: number } = {}): DataSource {
  return new DataSource({
    type: 'postgres',
    url: databaseUrl,
    synchronize: false,
    migrationsRun: false,
    migrationsTransactionMode: 'each',
    migrations,
    entities: [],
    extra: poolOptions(options.poolSize ?? 10),
    // A failed query reaches its caller (the error filter logs a 500 with its stack, as JSON);
    // TypeORM's own plain-text lines would break the one-JSON-object-per-line log.
    logging: false,
  });
}

export async function runMigrations(databaseUrl: string): Promise<string[]> {
  const dataSource = await createDataSource(databaseUrl, { poolSize: 1 }).initialize();
  try {
    const done = await dataSource.runMigrations();
    return done.map((m) => m.name);
  } finally {
    await dataSource.destroy();
  }
}
