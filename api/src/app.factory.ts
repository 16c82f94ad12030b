import type { LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildOpenApiDocument } from './api-docs/openapi.document.js';
import { AppModule } from './app.module.js';
import { buildAsyncApiDocument } from './realtime/asyncapi.document.js';
import { ErrorFilter } from './common/error.filter.js';
import { useJsonBodies } from './common/json-bodies.js';
import { securityHeaders } from './common/security-headers.js';
import { createValidationPipe } from './common/validation.pipe.js';
import type { AppConfig } from './config/app-config.js';

/** The repository root, found from this file whether it runs from src (tests) or dist. */
function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'web-map')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

/** Builds the whole API (HTTP, socket.io, static front ends) without listening: main and tests share it. */
export async function createApp(
  config: AppConfig,
  logger: LogLevel[] = ['error', 'warn', 'log'],
): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forConfig(config), {
    bodyParser: false,
    logger,
  });
  app.use(securityHeaders(config));
  useJsonBodies(app, config.bodyLimitBytes);
  app.setGlobalPrefix('api');
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ErrorFilter());
  app.enableShutdownHooks();
  app.disable('x-powered-by');

  const document = buildOpenApiDocument(app);
  const server = app.getHttpAdapter().getInstance();
  server.get('/api/openapi.json', (_req, res) => {
    res.json(document);
  });
  const asyncApi = buildAsyncApiDocument();
  server.get('/api/asyncapi.json', (_req, res) => {
    res.json(asyncApi);
  });

  const root = repoRoot();
  app.useStaticAssets(join(root, 'driver-app', 'public'), { prefix: '/driver' });
  app.useStaticAssets(join(root, 'web-map', 'public'));
  return app;
}
