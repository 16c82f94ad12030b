import type { NextFunction, Request, Response } from 'express';
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { requestContext } from './request-context.js';

/** A caller's own `X-Request-Id` is kept when it is this tame (a proxy's id); otherwise a UUID. */
const CALLER_ID = /^[\w.:-]{1,128}$/;

/** The route pattern that served a request (`/api/rides/:id`), never its path or query: those may hold tokens. */
export function routeOf(request: Request): string {
  const route = (request.route as { path?: unknown } | undefined)?.path;
  return typeof route === 'string' ? `${request.baseUrl}${route}` : '(unmatched)';
}

/**
 * Gives each request an id (`X-Request-Id`, echoed in the response), runs its handling inside the
 * log context so every line carries `reqId`, and logs one `request` line when the answer is sent:
 * method, route pattern, status and duration in milliseconds.
 */
export function requestLog(log: Logger) {
  return (request: Request, response: Response, next: NextFunction): void => {
    const header = request.headers['x-request-id'];
    const reqId = typeof header === 'string' && CALLER_ID.test(header) ? header : randomUUID();
    response.setHeader('x-request-id', reqId);
    const started = process.hrtime.bigint();
    response.on('finish', () => {
      const durationMs = Number(process.hrtime.bigint() - started) / 1e6;
      const line = {
        reqId,
        method: request.method,
        route: routeOf(request),
        status: response.statusCode,
        durationMs,
      };
      log.info(line, 'request');
    });
    requestContext.run({ reqId }, next);
  };
}
