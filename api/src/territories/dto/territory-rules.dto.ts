import { ApiProperty } from '@nestjs/swagger';
import type { TerritoryRules } from '@navette/contracts';
import {
  IsBoolean,
  IsInt,
  IsNumber,
  IsString,
  Max,
  Min,
  ValidateIf,
  registerDecorator,
  type ValidationOptions,
} from 'class-validator';
import { IsOptionalMinuteRange } from '../../common/minute-range.validator.js';
import { IsOmittable } from '../../common/omittable.validator.js';
import { Type } from 'class-transformer';
import { IsObject, ValidateNested } from 'class-validator';

/** Cargo units per plain-language size (a sender says "a box", the territory knows its cars). */
export class CargoSizesDto {
  @ApiProperty({ minimum: 1, maximum: 100, example: 1 })
  @IsInt()
  @Min(1)
  @Max(100)
  bag!: number;

  @ApiProperty({ minimum: 1, maximum: 100, example: 2 })
  @IsInt()
  @Min(1)
  @Max(100)
  box!: number;

  @ApiProperty({ minimum: 1, maximum: 100, example: 6 })
  @IsInt()
  @Min(1)
  @Max(100)
  boot!: number;
}

/** True for an IANA time zone name the runtime knows (`Europe/Helsinki`). */
export function isTimeZone(value: unknown): boolean {
  if (typeof value !== 'string' || value.length > 64 || !/^[A-Za-z_+\-/0-9]+$/.test(value)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

function IsTimeZone(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isTimeZone',
      target: target.constructor,
      propertyName: String(propertyName),
      options,
      validator: {
        validate: isTimeZone,
        defaultMessage: (args) => `${args?.property} must be an IANA time zone such as Europe/Helsinki`,
      },
    });
}

/** The rules a coordinator may set on a territory; each optional, each bounded as the schema is. */
export class TerritoryRulesDto implements Partial<TerritoryRules> {
  @ApiProperty({ required: false, minimum: 1, maximum: 86_400 })
  @IsOmittable()
  @IsInt()
  @Min(1)
  @Max(86_400)
  maxWaitSeconds?: number;

  @ApiProperty({ required: false, minimum: 60, maximum: 86_400, description: 'A task’s pickup delay limit' })
  @IsOmittable()
  @IsInt()
  @Min(60)
  @Max(86_400)
  taskMaxWaitSeconds?: number;

  @ApiProperty({ required: false, minimum: 1, maximum: 10, description: 'A task’s detour limit' })
  @IsOmittable()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(1)
  @Max(10)
  taskMaxDetourFactor?: number;

  @ApiProperty({
    type: CargoSizesDto,
    required: false,
    description: 'Cargo units of a bag, a box and a car boot',
  })
  @IsOmittable()
  @IsObject({ message: 'cargoSizes must be an object' })
  @ValidateNested()
  @Type(() => CargoSizesDto)
  cargoSizes?: CargoSizesDto;

  @ApiProperty({ required: false, minimum: 5, maximum: 600 })
  @IsOmittable()
  @IsInt()
  @Min(5)
  @Max(600)
  offerTimeoutSeconds?: number;

  @ApiProperty({ required: false, minimum: 1, maximum: 5 })
  @IsOmittable()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(1)
  @Max(5)
  maxDetourFactor?: number;

  @ApiProperty({ required: false })
  @IsOmittable()
  @IsBoolean()
  pooling?: boolean;

  @ApiProperty({ required: false, type: Number, nullable: true, minimum: 1, maximum: 6 })
  @IsOmittable()
  @ValidateIf((_, v) => v !== null)
  @IsInt()
  @Min(1)
  @Max(6)
  defaultTrustDistance?: number | null;

  @ApiProperty({ required: false, minimum: 0, maximum: 86_400 })
  @IsOmittable()
  @IsInt()
  @Min(0)
  @Max(86_400)
  escalateAfterSeconds?: number;

  @ApiProperty({
    required: false,
    nullable: true,
    type: [Number],
    description: '[startMinute, endMinute) of the local day, 0–1440; null for all day',
  })
  @IsOptionalMinuteRange()
  serviceHours?: [number, number] | null;

  @ApiProperty({ required: false, minimum: 10, maximum: 3600, description: 'seconds; default 120' })
  @IsOmittable()
  @IsInt()
  @Min(10)
  @Max(3600)
  positionMaxAgeSeconds?: number;

  @ApiProperty({ required: false, minimum: 0, maximum: 3600, description: 'seconds; default 60' })
  @IsOmittable()
  @IsInt()
  @Min(0)
  @Max(3600)
  restAfterMissSeconds?: number;

  @ApiProperty({ required: false, minimum: 0, maximum: 86_400, description: 'seconds; default 600' })
  @IsOmittable()
  @IsInt()
  @Min(0)
  @Max(86_400)
  restMaxSeconds?: number;

  @ApiProperty({
    required: false,
    nullable: true,
    type: Number,
    minimum: 10,
    maximum: 2000,
    description: 'meters: pickups move to the nearest stop this close; null (default) for off',
  })
  @IsOmittable()
  @ValidateIf((_, v) => v !== null)
  @IsInt()
  @Min(10)
  @Max(2000)
  snapPickupToStopMeters?: number | null;

  @ApiProperty({ required: false, example: 'Europe/Helsinki' })
  @IsOmittable()
  @IsString()
  @IsTimeZone()
  timezone?: string;

  @ApiProperty({ required: false, minimum: 1, maximum: 730, description: 'days exact ride places are kept' })
  @ValidateIf((_, v) => v !== undefined)
  @IsInt()
  @Min(1)
  @Max(730)
  placeRetentionDays?: number;
}
