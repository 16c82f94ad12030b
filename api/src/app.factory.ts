import type { LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AppModule } from './app.module.js';
import { ErrorFilter } from './common/error.filter.js';
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
  server.get('/metrics', metricsEndpoint(metrics.registry, config.metricsToken));

  const root = repoRoot();
  app.useStaticAssets(join(root, 'driver-app', 'public'), { prefix: '/driver' });
  app.useStaticAssets(join(root, 'web-map', 'public'));
  return app;
}
