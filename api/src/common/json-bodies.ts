import type { NestExpressApplication } from '@nestjs/platform-express';
import express, { type NextFunction, type Request, type Response } from 'express';
import { AppError } from './app-error.js';
import { jsonBodyProblem } from './json-body-problem.js';

/** Largest territory upload, in bytes. */
const TERRITORY_BODY_LIMIT_BYTES = 256 * 1024;

/** True when the request carries a body, as body-parser decides it (a length above 0, or chunked). */
function hasBody(req: Request): boolean {
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

/** Where bodies are GeoJSON, which may come as `application/geo+json` too (RFC 7946 §12). */
const GEO_JSON_BODIES = '/api/territories';
const GEO_JSON_TYPES = ['application/json', 'application/geo+json'];

/**
 * The API takes JSON only (and GeoJSON's own type for territories). express.json skips any other
 * content type, which the validation pipe would then read as an empty body (a silent 200 on a body
 * whose fields are all optional): refused with 415 instead.
 */
function refuseOtherMediaTypes(req: Request, _res: Response, next: NextFunction): void {
  const types = req.path.startsWith(GEO_JSON_BODIES) ? GEO_JSON_TYPES : ['application/json'];
  if (hasBody(req) && !req.is(types)) {
    next(
      new AppError(
        'UNSUPPORTED_MEDIA_TYPE',
        `the request body must be ${types.join(' or ')}`,
        'Content-Type',
      ),
    );
    return;
  }
  next();
}

/** A parsed body too deep for class-transformer's recursion, or with text PostgreSQL cannot store: 400. */
function refuseHostileJson(req: Request, _res: Response, next: NextFunction): void {
  const problem = jsonBodyProblem(req.body);
  next(problem && new AppError('VALIDATION_FAILED', problem.message, problem.field));
}

/**
 * Reads JSON request bodies: only `application/json` (415 otherwise), up to `bodyLimitBytes`
 * (413), checked for depth and unstorable text before any DTO is built.
 */
export function useJsonBodies(app: NestExpressApplication, bodyLimitBytes: number): void {
  app.use(refuseOtherMediaTypes);
  // Territory uploads carry real boundaries (up to 2,000 positions, checked by the service): a
  // larger body than the rest of the API, which keeps the small default.
  app.use(GEO_JSON_BODIES, express.json({ limit: TERRITORY_BODY_LIMIT_BYTES, type: GEO_JSON_TYPES }));
  app.use(express.json({ limit: bodyLimitBytes }));
  app.use(refuseHostileJson);
}
