import { ApiProperty } from '@nestjs/swagger';
import type { LngLat, RotaRules, SlotRepeat } from '@navette/contracts';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  Max,
  Min,
  ValidateIf,
} from 'class-validator';
import { IsLngLat } from '../../common/geojson.validators.js';
import { IsOmittable } from '../../common/omittable.validator.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A coordinator's new slot: one date, or every week from its first date (`untilDate` inclusive). */
export class CreateSlotDto {
  @ApiProperty({ enum: ['once', 'weekly'] })
  @IsIn(['once', 'weekly'], { message: 'repeat must be once or weekly' })
  repeat!: SlotRepeat;

  @ApiProperty({ format: 'date', description: 'YYYY-MM-DD, local to the territory' })
  @IsString()
  @Matches(DATE, { message: 'firstDate must be YYYY-MM-DD' })
  firstDate!: string;

  @ApiProperty({ format: 'date', required: false, nullable: true, type: String })
  @IsOmittable()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @Matches(DATE, { message: 'untilDate must be YYYY-MM-DD' })
  untilDate?: string | null;

  @ApiProperty({ example: '08:00', description: 'HH:MM, local wall-clock time of the territory' })
  @IsString()
  @Matches(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'startTime must be HH:MM (00:00 to 23:59)' })
  startTime!: string;

  @ApiProperty({ minimum: 15, maximum: 1440 })
  @IsInt()
  @Min(15)
  @Max(1440)
  durationMinutes!: number;

  @ApiProperty({ minimum: 1, maximum: 100 })
  @IsInt()
  @Min(1)
  @Max(100)
  driversNeeded!: number;

  @ApiProperty({ required: false, nullable: true, type: String, maxLength: 500 })
  @IsOmittable()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @MaxLength(500)
  note?: string | null;
}

export class RotaRulesDto implements Partial<RotaRules> {
  @ApiProperty({ required: false, minimum: 0, maximum: 20160 })
  @IsOmittable()
  @IsInt()
  @Min(0)
  @Max(20160)
  withdrawCutoffMinutes?: number;

  @ApiProperty({ required: false, minimum: 1, maximum: 1440 })
  @IsOmittable()
  @IsInt()
  @Min(1)
  @Max(1440)
  noShowMinutes?: number;

  @ApiProperty({ required: false, minimum: 1, maximum: 10080 })
  @IsOmittable()
  @IsInt()
  @Min(1)
  @Max(10080)
  reminderMinutes?: number;
}

/** Sign up for a dated slot; `waitlist: true` joins its waiting list when it is full. */
export class SignupDto {
  @ApiProperty({ required: false, description: 'Join the waiting list if the shift is full' })
  @IsOmittable()
  @IsBoolean()
  waitlist?: boolean;
}

/** Offer one's place: to one driver (`toDriverId`), or to any driver of the territory. */
export class OfferSwapDto {
  @ApiProperty({ required: false, nullable: true, type: String })
  @IsOmittable()
  @ValidateIf((_, v) => v !== null)
  @IsUUID('all', { message: 'toDriverId must be a UUID' })
  toDriverId?: string | null;
}

/** Start the shift of a sign-up, from where the driver stands. */
export class StartSignupDto {
  @ApiProperty({ type: [Number], example: [24.9496, 60.1841], description: '[lng, lat]' })
  @IsLngLat()
  position!: LngLat;
}
