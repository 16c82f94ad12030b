import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import type { DecideRequest, Decision } from '@navette/contracts';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { IsOmittable } from '../../common/omittable.validator.js';

/** A coordinator's written reason: required, saying something (3 characters or more, not blank). */
export function IsReason(): PropertyDecorator {
  // Listed bottom first, the order in which TypeScript applies a stack of decorators, so the
  // constraints are registered (and reported) in the order the three DTOs stacked them.
  return applyDecorators(
    MaxLength(2000),
    Matches(/\S.*\S/s, { message: 'reason must say why, not be blank' }),
    MinLength(3, { message: 'reason must say why (at least 3 characters)' }),
    IsString({ message: 'reason is required' }),
  );
}

export class RestrictionsDto {
  @ApiProperty({ required: false })
  @IsOmittable()
  @IsBoolean()
  noPooling?: boolean;

  @ApiProperty({ required: false, minimum: 1, maximum: 6 })
  @IsOmittable()
  @IsInt()
  @Min(1)
  @Max(6)
  maxTrustDistance?: number;
}

export class DecideDto implements DecideRequest {
  @ApiProperty({ enum: ['dismiss', 'warn', 'restrict', 'suspend', 'restore'] })
  @IsIn(['dismiss', 'warn', 'restrict', 'suspend', 'restore'], {
    message: 'decision must be dismiss, warn, restrict, suspend or restore',
  })
  decision!: Decision;

  @ApiProperty({ description: 'Always required: every decision is logged with its reason' })
  @IsReason()
  reason!: string;

  @ApiProperty({ required: false, type: RestrictionsDto })
  @IsOmittable()
  @ValidateNested()
  @Type(() => RestrictionsDto)
  restrictions?: RestrictionsDto;
}

export class ClearPairDto {
  @ApiProperty()
  @IsReason()
  reason!: string;
}

export class AppealDto {
  @ApiProperty({ maxLength: 2000 })
  @IsString({ message: 'text is required' })
  @MinLength(1, { message: 'text is required' })
  @Matches(/\S/, { message: 'text must not be blank' })
  @MaxLength(2000, { message: 'text must be at most 2000 characters' })
  text!: string;
}

export class ResolveAppealDto {
  @ApiProperty({ enum: ['upheld', 'overturned'] })
  @IsIn(['upheld', 'overturned'], { message: 'outcome must be upheld or overturned' })
  outcome!: 'upheld' | 'overturned';

  @ApiProperty()
  @IsReason()
  reason!: string;
}
