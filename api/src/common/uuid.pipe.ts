import { ParseUUIDPipe } from '@nestjs/common';
import { AppError } from './app-error.js';

/** A route parameter that must be a UUID; the 400 names it (`id` unless told). */
export function uuidParam(field = 'id'): ParseUUIDPipe {
  return new ParseUUIDPipe({
    exceptionFactory: () => new AppError('VALIDATION_FAILED', `${field} must be a UUID`, field),
  });
}
