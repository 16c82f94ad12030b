import { ValidateIf } from 'class-validator';

/**
 * The field may be left out. Unlike class-validator's `IsOptional`, `null` is not "left out": it
 * goes through the field's validators and is refused (naming the field) unless the field also
 * allows it with `ValidateIf((_, v) => v !== null)`. `IsOptional` let `null` through unchecked to
 * the services, which stored it in NOT NULL columns or read properties of it (500s).
 */
export function IsOmittable(): PropertyDecorator {
  return ValidateIf((_, value) => value !== undefined);
}
