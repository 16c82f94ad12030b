import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Registry } from 'prom-client';
import { AppError } from '../common/app-error.js';
import { toErrorBody } from '../common/error.filter.js';
import { routeOf } from '../logging/request-log.middleware.js';
import type { ApiMetricsService } from './api-metrics.service.js';

const digest = (text: string) => createHash('sha256').update(text).digest();

function refuse(response: Response, error: AppError): void {
  if (error.code === 'UNAUTHENTICATED') response.setHeader('www-authenticate', 'Bearer realm="metrics"');
  const body = toErrorBody(error);
  response.status(body.statusCode).json(body);
}

/**
 * `GET /metrics` in Prometheus' text format, for a scraper holding `Authorization: Bearer
 * <METRICS_TOKEN>` (compared in constant time). Without a configured token it does not exist (404):
 * a scraper has no member's JWT, and the series must not be public.
 */
export function metricsEndpoint(registry: Registry, token: string | undefined): RequestHandler {
  return (request: Request, response: Response, next: NextFunction) => {
    if (!token) return refuse(response, new AppError('NOT_FOUND', 'metrics are off: set METRICS_TOKEN'));
    const header = request.headers.authorization ?? '';
    const given = header.startsWith('Bearer ') ? header.slice('Bearer '.length) : '';
    if (!timingSafeEqual(digest(given), digest(token)))
      return refuse(response, new AppError('UNAUTHENTICATED', 'metrics need the bearer METRICS_TOKEN'));
    registry.metrics().then((text) => response.type(registry.contentType).send(text), next);
  };
}

/** Times every HTTP answer into `navette_http_request_duration_seconds`, by route pattern. */
export function httpMetrics(metrics: ApiMetricsService): RequestHandler {
  return (request, response, next) => {
    const stop = metrics.httpSeconds.startTimer();
    response.on('finish', () =>
      stop({ method: request.method, route: routeOf(request), status: String(response.statusCode) }),
    );
    next();
  };
}
