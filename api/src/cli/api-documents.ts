import 'reflect-metadata';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createApp } from '../app.factory.js';
import { loadConfig } from '../config/app-config.js';

/**
 * Writes the API's descriptions exactly as the app serves them (`/api/openapi.json`,
 * `/api/asyncapi.json`) into the folder given as argument (default `api/dist/api-docs`), for
 * `npm run lint:api`. Boots the app on a free loopback port: it needs DATABASE_URL and REDIS_URL.
 */
const folder = process.argv[2] ?? join('api', 'dist', 'api-docs');
const app = await createApp(loadConfig({ ...process.env, PORT: '0' }), ['error']);
await app.listen(0, '127.0.0.1');
try {
  const base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  await mkdir(folder, { recursive: true });
  for (const name of ['openapi.json', 'asyncapi.json']) {
    const response = await fetch(`${base}/api/${name}`);
    if (!response.ok) throw new Error(`/api/${name}: HTTP ${response.status}`);
    await writeFile(join(folder, name), `${JSON.stringify(await response.json(), null, 2)}\n`);
    console.log(`${join(folder, name)}`);
  }
} finally {
  await app.close();
}
