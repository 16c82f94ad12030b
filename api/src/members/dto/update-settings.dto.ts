import { ApiProperty } from '@nestjs/swagger';
import type { MemberSettings } from '@navette/contracts';
import { IsBoolean, IsInt, IsNumber, Max, Min, ValidateIf } from 'class-validator';
import { IsOptionalMinuteRange } from '../../common/minute-range.validator.js';
import { IsOmittable } from '../../common/omittable.validator.js';

export class UpdateSettingsDto implements MemberSettings {
  @ApiProperty({ required: false, type: Number, nullable: true, minimum: 1, maximum: 6 })
  @IsOmittable()
  @ValidateIf((_, v) => v !== null)
  @IsInt()
  @Min(1)
  @Max(6)
  maxTrustDistance?: number | null;

  @ApiProperty({ required: false, type: Number, nullable: true, minimum: 1, maximum: 500 })
  @IsOmittable()
  @ValidateIf((_, v) => v !== null)
  @IsInt()
  @Min(1)
  @Max(500)
  weeklyTripLimit?: number | null;

  @ApiProperty({ required: false, minimum: 0, maximum: 168 })
  @IsOmittable()
  @IsNumber()
  @Min(0)
  @Max(168)
  declaredHoursPerWeek?: number;

  @ApiProperty({
    required: false,
    nullable: true,
    type: [Number],
    description: '[startMinute, endMinute), 0–1440',
  })
  @IsOptionalMinuteRange()
  quietHours?: [number, number] | null;

  @ApiProperty({
    required: false,
    description: 'Drivers: suggest where to wait while idle, to help worse-served zones (default on)',
  })
  @IsOmittable()
  @IsBoolean()
  waitingSpotSuggestions?: boolean;
}
