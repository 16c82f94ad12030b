import { applyDecorators } from '@nestjs/common';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsInt, Max, Min, ValidateIf } from 'class-validator';
import { IsOmittable } from './omittable.validator.js';

/**
 * An optional, nullable `[startMinute, endMinute)` of the day: two integers from 0 to 1440, or null
 * for none (a member's quiet hours, a territory's service hours).
 */
export function IsOptionalMinuteRange(): PropertyDecorator {
  // Listed bottom first, the order in which TypeScript applies a stack of decorators, so the
  // constraints are registered (and the first failure reported) as when each DTO stacked them.
  return applyDecorators(
    Max(1440, { each: true }),
    Min(0, { each: true }),
    IsInt({ each: true }),
    ArrayMaxSize(2),
    ArrayMinSize(2),
    IsArray(),
    ValidateIf((_, v) => v !== null),
    IsOmittable(),
  );
}
