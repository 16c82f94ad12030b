import { runMigrations } from '../database/data-source.js';
import { loadConfig } from '../config/app-config.js';

const { databaseUrl } = loadConfig();
const applied = await runMigrations(databaseUrl);
console.log(
  applied.length ? `migrations applied: ${applied.join(', ')}` : 'migrations: schema is up to date',
);
