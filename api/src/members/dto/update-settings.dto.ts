import { ApiProperty } from '@nestjs/swagger';
import type { MemberSettings } from '@navette/contracts';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsInt,
  IsNumber,
  IsOptional,
  Max,
  Min,
  ValidateIf,
} from 'class-validator';

export class UpdateSettingsDto implements MemberSettings {
  @ApiProperty({ required: false, nullable: true, minimum: 1, maximum: 6 })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsInt()
  @Min(1)
  @Max(6)
  maxTrustDistance?: number | null;

  @ApiProperty({ required: false, nullable: true, minimum: 1 })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsInt()
  @Min(1)
  @Max(500)
  weeklyTripLimit?: number | null;

  @ApiProperty({ required: false, minimum: 0, maximum: 168 })
  @IsOptional()
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
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsArray()
  @ArrayMinSize(2)
  @ArrayMaxSize(2)
  @IsInt({ each: true })
  @Min(0, { each: true })
  @Max(1440, { each: true })
  quietHours?: [number, number] | null;
}
