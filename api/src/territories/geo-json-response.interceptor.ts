import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { Response } from 'express';
import { tap, type Observable } from 'rxjs';

/** The media type of GeoJSON (RFC 7946 §12). */
export const GEO_JSON_TYPE = 'application/geo+json';

/**
 * Serves a successful answer as `application/geo+json`. Set on success only: an error keeps the
 * error filter's own type (a `@Header` would be set before the handler runs, errors included).
 */
@Injectable()
export class GeoJsonResponseInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const response = context.switchToHttp().getResponse<Response>();
    return next.handle().pipe(tap(() => response.type(GEO_JSON_TYPE)));
  }
}
