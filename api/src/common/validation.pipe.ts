import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { AppError } from './app-error.js';

/**
 * The first failing field with its dotted path (`pickup.coordinates`), and the message of its most
 * basic failing constraint. class-validator lists a field's constraints in the order decorators are
 * applied, bottom first; the one written on top (`@IsString` above `@MaxLength`) comes last.
 */
function firstFailure(
  errors: ValidationError[],
  prefix = '',
): { field: string; message: string } | undefined {
  for (const error of errors) {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const message = error.constraints ? Object.values(error.constraints).at(-1) : undefined;
    if (message) return { field, message };
    const nested = firstFailure(error.children ?? [], field);
    if (nested) return nested;
  }
  return undefined;
}

/**
 * Validates every DTO strictly: unknown properties are refused, types are not coerced, and the
 * error names the field.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validateCustomDecorators: true,
    exceptionFactory: (errors) => {
      const failure = firstFailure(errors);
      return new AppError('VALIDATION_FAILED', failure?.message ?? 'invalid request', failure?.field);
    },
  });
}
