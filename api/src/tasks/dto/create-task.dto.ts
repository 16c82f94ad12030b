import { ApiProperty } from '@nestjs/swagger';
import type {
  CreateTaskRequest,
  FailedDeliveryChoice,
  TaskCategory,
  TaskRecipient,
  TaskSize,
  WeightClass,
} from '@navette/contracts';
import { Type } from 'class-transformer';
import {
  IsDefined,
  IsEmail,
  IsIn,
  IsObject,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { IsIsoInstant } from '../../common/iso-instant.js';
import { IsOmittable } from '../../common/omittable.validator.js';
import { NO_CONTROL_CHARACTERS } from '../../places/dto/point-text.validators.js';

export const TASK_CATEGORIES: readonly TaskCategory[] = [
  'parcel',
  'groceries',
  'prescription',
  'errand',
  'other',
];
export const TASK_SIZES: readonly TaskSize[] = ['bag', 'box', 'boot'];
const WEIGHT_CLASSES: readonly WeightClass[] = ['light', 'medium', 'heavy'];
const NOT_BLANK = /\S/;
const PHONE = /^\+?[0-9 ()-]{6,20}$/;

const instant = (description: string) => ({ required: false, format: 'date-time', description });

export class TaskRecipientDto implements TaskRecipient {
  @ApiProperty({ required: false, format: 'uuid', description: 'A member of Navette' })
  @IsOmittable()
  @IsUUID('all', { message: 'memberId must be a UUID' })
  memberId?: string;

  @ApiProperty({ required: false, maxLength: 80, description: 'Required without memberId' })
  @IsOmittable()
  @IsString()
  @MaxLength(80)
  @Matches(NOT_BLANK, { message: 'name must not be blank' })
  @Matches(NO_CONTROL_CHARACTERS, { message: 'name must not contain control characters' })
  name?: string;

  @ApiProperty({
    required: false,
    example: '+358 40 123 4567',
    description: 'A phone or an e-mail without memberId',
  })
  @IsOmittable()
  @IsString()
  @Matches(PHONE, { message: 'phone must be 6-20 digits, spaces, +, -, ( or )' })
  phone?: string;

  @ApiProperty({ required: false, format: 'email', maxLength: 254 })
  @IsOmittable()
  @IsString()
  @MaxLength(254)
  @IsEmail({}, { message: 'email must be an e-mail address' })
  email?: string;
}

/** What a task carries, to whom and when: validated field by field, then against the territory. */
export class CreateTaskDto implements CreateTaskRequest {
  @ApiProperty({ minLength: 1, maxLength: 120, example: 'a box of books' })
  @IsString()
  @MaxLength(120)
  @Matches(NOT_BLANK, { message: 'what must not be blank' })
  @Matches(NO_CONTROL_CHARACTERS, { message: 'what must not contain control characters' })
  what!: string;

  @ApiProperty({ enum: TASK_CATEGORIES })
  @IsIn(TASK_CATEGORIES, { message: `category must be one of ${TASK_CATEGORIES.join(', ')}` })
  category!: TaskCategory;

  @ApiProperty({
    enum: TASK_SIZES,
    description: 'Fits in a bag, a box or a car boot; the territory maps it to cargo units',
  })
  @IsIn(TASK_SIZES, { message: `size must be one of ${TASK_SIZES.join(', ')}` })
  size!: TaskSize;

  @ApiProperty({ enum: WEIGHT_CLASSES, required: false })
  @IsOmittable()
  @IsIn(WEIGHT_CLASSES, { message: `weightClass must be one of ${WEIGHT_CLASSES.join(', ')}` })
  weightClass?: WeightClass;

  @ApiProperty({ type: TaskRecipientDto })
  @IsDefined({ message: 'recipient is required' })
  @IsObject({ message: 'recipient must be an object' })
  @ValidateNested()
  @Type(() => TaskRecipientDto)
  recipient!: TaskRecipientDto;

  @ApiProperty({ required: false, maxLength: 500 })
  @IsOmittable()
  @IsString()
  @MaxLength(500)
  pickupInstructions?: string;

  @ApiProperty({ required: false, maxLength: 500 })
  @IsOmittable()
  @IsString()
  @MaxLength(500)
  dropoffInstructions?: string;

  @ApiProperty(instant('Pick up after, ISO 8601 with an offset, up to 14 days ahead; default now'))
  @IsOmittable()
  @IsIsoInstant()
  pickupAfter?: string;

  @ApiProperty(instant('Pick up before; at most the territory’s task delay limit after pickupAfter'))
  @IsOmittable()
  @IsIsoInstant()
  pickupBefore?: string;

  @ApiProperty(instant('Deliver after'))
  @IsOmittable()
  @IsIsoInstant()
  deliverAfter?: string;

  @ApiProperty(instant('Deliver before'))
  @IsOmittable()
  @IsIsoInstant()
  deliverBefore?: string;

  @ApiProperty({ enum: ['return', 'replan'], required: false, default: 'return' })
  @IsOmittable()
  @IsIn(['return', 'replan'], { message: 'onFailure must be return or replan' })
  onFailure?: FailedDeliveryChoice;
}
