import type { LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildOpenApiDocument } from './api-docs/openapi.document.js';
import { AppModule } from './app.module.js';
import { mountBasemap } from './basemap/basemap.routes.js';
import { buildAsyncApiDocument } from './realtime/asyncapi.document.js';
import { ClusterIoAdapter } from './realtime/cluster-io.adapter.js';
import { ErrorFilter } from './common/error.filter.js';
import { hashedAssets, setPageHeaders } from './common/front-end-assets.js';
import { useJsonBodies } from './common/json-bodies.js';
import { securityHeaders } from './common/security-headers.js';
import { createValidationPipe } from './common/validation.pipe.js';
import type { AppConfig } from './config/app-config.js';
import { createApiLogger, pinoLevelOf, PinoNestLogger } from './logging/api-logger.js';
import { requestLog } from './logging/request-log.middleware.js';
import { ApiMetricsService } from './metrics/api-metrics.service.js';
import { httpMetrics, metricsEndpoint } from './metrics/metrics-endpoint.js';
import { AuthenticationService } from './auth/authentication.service.js';
import { MATCHING_QUEUE_TOKEN } from './redis/redis.tokens.js';
import { QUEUE_BOARD_PATH, queueBoard } from './queue-board/queue-board.js';

/** The repository root, found from this file whether it runs from src (tests) or dist. */
function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'web-map')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

/**
 * Builds the whole API (HTTP, socket.io, static front ends) without listening: main and tests share
 * it. Logs JSON lines on stdout at the most verbose of `logLevels` (tests pass `['error']` or none).
 */
export async function createApp(
  config: AppConfig,
  logLevels: LogLevel[] = ['error', 'warn', 'log'],
): Promise<NestExpressApplication> {
  const log = createApiLogger(pinoLevelOf(logLevels));
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forConfig(config), {
    bodyParser: false,
    logger: new PinoNestLogger(log),
  });
  const metrics = app.get(ApiMetricsService);
  // socket.io's rooms and requests between nodes go through Redis (ADR 0032).
  app.useWebSocketAdapter(new ClusterIoAdapter(app, config));
  if (config.trustProxy)
    app.set('trust proxy', /^\d+$/.test(config.trustProxy) ? Number(config.trustProxy) : config.trustProxy);
  const nodeId = config.nodeId;
  if (nodeId)
    app.use((_req: Request, res: Response, next: NextFunction) => {
      res.setHeader('X-Navette-Node', nodeId);
      next();
    });
  app.use(requestLog(log));
  app.use(httpMetrics(metrics));
  app.use(securityHeaders(config));
  app.use(
    QUEUE_BOARD_PATH,
    ...queueBoard([app.get(MATCHING_QUEUE_TOKEN), metrics.planningQueue], app.get(AuthenticationService)),
  );
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
  server.get('/metrics', metricsEndpoint(metrics.registry, config.metricsToken));

  // The front ends (infra/adr/0017): hashed bundles cached for good, precompressed; pages not cached.
  const root = repoRoot();
  const webMap = join(root, 'web-map', 'public');
  mountBasemap(server, {
    tiles: config.mapTiles ?? join(webMap, 'map', 'tiles.pmtiles'),
    fonts: join(webMap, 'map', 'fonts'),
    sprites: join(webMap, 'map', 'sprites'),
  });
  const pages = [
    ['/driver', join(root, 'driver-app', 'public')],
    ['/coordinate', join(root, 'web-map', 'console', 'public')],
    ['/account', join(root, 'web-map', 'account', 'public')],
    ['/track', join(root, 'web-map', 'track', 'public')],
  ] as const;
  for (const [prefix, dir] of pages) app.use(`${prefix}/build`, hashedAssets(join(dir, 'build')));
  app.use('/build', hashedAssets(join(webMap, 'build')));
  for (const [prefix, dir] of pages) app.useStaticAssets(dir, { prefix, setHeaders: setPageHeaders });
  app.useStaticAssets(webMap, { setHeaders: setPageHeaders });
  return app;
}
