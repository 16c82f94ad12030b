import type { LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import express from 'express';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AppModule } from './app.module.js';
import { mountBasemap } from './basemap/basemap.routes.js';
import { ErrorFilter } from './common/error.filter.js';
import { createValidationPipe } from './common/validation.pipe.js';
import type { AppConfig } from './config/app-config.js';

/** Largest territory upload, in bytes. */
const TERRITORY_BODY_LIMIT_BYTES = 256 * 1024;

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
  // Territory uploads carry real boundaries (up to 2,000 positions, checked by the service): a
  // larger body than the rest of the API, which keeps the small default.
  app.use('/api/territories', express.json({ limit: TERRITORY_BODY_LIMIT_BYTES }));
  app.use(express.json({ limit: config.bodyLimitBytes }));
  app.setGlobalPrefix('api');
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ErrorFilter());
  app.enableShutdownHooks();
  app.disable('x-powered-by');

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Navette API')
      .setDescription('Community dispatch of shared rides and small tasks')
      .setVersion('0.1.0')
      .addBearerAuth()
      .build(),
  );
  const server = app.getHttpAdapter().getInstance();
  server.get('/api/openapi.json', (_req, res) => {
    res.json(document);
  });

  const root = repoRoot();
  const webMap = join(root, 'web-map', 'public');
  mountBasemap(server, {
    tiles: config.mapTiles ?? join(webMap, 'map', 'tiles.pmtiles'),
    fonts: join(webMap, 'map', 'fonts'),
  });
  app.useStaticAssets(join(root, 'driver-app', 'public'), { prefix: '/driver' });
  app.useStaticAssets(webMap);
  return app;
}
