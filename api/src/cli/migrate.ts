import { runMigrations } from '../database/data-source.js';
import { loadDatabaseUrl } from '../config/app-config.js';

// Only DATABASE_URL: migrations run before (and without) Redis, and need no JWT secret.
const applied = await runMigrations(loadDatabaseUrl());
console.log(
  applied.length ? `migrations applied: ${applied.join(', ')}` : 'migrations: schema is up to date',
);
