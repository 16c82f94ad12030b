import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { Request } from 'express';
import type { Observable } from 'rxjs';
import { AppError } from '../common/app-error.js';

/** The members of a Feature the territory DTOs read; others are foreign members (RFC 7946 §6.1). */
const FEATURE_MEMBERS = ['type', 'id', 'bbox', 'geometry', 'properties'];

/**
 * Properties that style a Feature for display (the simplestyle convention geojson.io, GitHub and
 * uMap write): accepted and dropped, they say nothing about the territory.
 */
export const STYLE_PROPERTIES = new Set([
  'title',
  'description',
  'marker-size',
  'marker-symbol',
  'marker-color',
  'stroke',
  'stroke-opacity',
  'stroke-width',
  'fill',
  'fill-opacity',
]);

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * A territory body as drawing tools write it, brought to the Feature the DTOs validate: a
 * FeatureCollection of exactly one Feature is that Feature; a Feature's foreign members and its
 * styling properties are dropped. Anything else is left for validation to refuse, field by field.
 */
export function featureBody(body: unknown): unknown {
  if (!isObject(body)) return body;
  let feature: unknown = body;
  if (body.type === 'FeatureCollection') {
    if (!Array.isArray(body.features) || body.features.length !== 1)
      throw new AppError(
        'VALIDATION_FAILED',
        'features: a FeatureCollection must hold exactly one Feature, the territory',
        'features',
      );
    feature = body.features[0];
  }
  if (!isObject(feature) || feature.type !== 'Feature') return feature;
  const kept = Object.fromEntries(Object.entries(feature).filter(([key]) => FEATURE_MEMBERS.includes(key)));
  if (isObject(kept.properties))
    kept.properties = Object.fromEntries(
      Object.entries(kept.properties).filter(([key]) => !STYLE_PROPERTIES.has(key)),
    );
  return kept;
}

/** Applies {@link featureBody} to the request body before the validation pipe reads it. */
@Injectable()
export class FeatureBodyInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<Request>();
    request.body = featureBody(request.body);
    return next.handle();
  }
}
