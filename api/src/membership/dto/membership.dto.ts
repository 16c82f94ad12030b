import { ApiProperty } from '@nestjs/swagger';
import type {
  AvailabilitySlot,
  ChangePasswordRequest,
  DriveRequestBody,
  CreateInvitationRequest,
  GrantedRole,
  JoinRequest,
  RegisterRequest,
  RegistrationSettingRequest,
  RequestDecision,
  ResetByEmailRequest,
  ResetPasswordRequest,
  RoleChangeRequest,
} from '@navette/contracts';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { IsOmittable } from '../../common/omittable.validator.js';
import { IsReason } from '../../reports/dto/decide.dto.js';

/** A link token as issued: 32 random bytes in base64url (43 characters). */
const TOKEN = /^[A-Za-z0-9_-]{43}$/;
const tokenMessage = 'token must be the 43-character code of the link';
/** `HH:MM`, 00:00 to 24:00. */
const HHMM = /^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/;

export class CreateInvitationDto implements CreateInvitationRequest {
  @ApiProperty({
    required: false,
    description: 'Required of coordinators; a member invites into their home territory',
  })
  @IsOmittable()
  @IsUUID('all', { message: 'territoryId must be a UUID' })
  territoryId?: string;
}

/** Who a newcomer says they are, joining by invitation or registering: email, name, password. */
class NewMemberDto {
  @ApiProperty({ example: 'new.member@example.org' })
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(254)
  email!: string;

  @ApiProperty({ example: 'Kaisa' })
  @Matches(/\S/, { message: 'displayName must not be blank' })
  @MaxLength(80)
  @IsString({ message: 'displayName is required' })
  displayName!: string;

  @ApiProperty({ description: 'At least 10 characters and hard to guess' })
  @MaxLength(200)
  @IsString({ message: 'password is required' })
  password!: string;
}

export class JoinDto extends NewMemberDto implements JoinRequest {
  @ApiProperty()
  @Matches(TOKEN, { message: tokenMessage })
  @IsString({ message: tokenMessage })
  token!: string;
}

export class ResetPasswordDto implements ResetPasswordRequest {
  @ApiProperty()
  @Matches(TOKEN, { message: tokenMessage })
  @IsString({ message: tokenMessage })
  token!: string;

  @ApiProperty()
  @MaxLength(200)
  @IsString({ message: 'password is required' })
  password!: string;
}

export class ResetRequestDto implements ResetByEmailRequest {
  @ApiProperty({ example: 'member@example.org' })
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(254)
  email!: string;
}

export class ChangePasswordDto implements ChangePasswordRequest {
  @ApiProperty()
  @MinLength(1)
  @MaxLength(200)
  @IsString({ message: 'currentPassword is required' })
  currentPassword!: string;

  @ApiProperty()
  @MaxLength(200)
  @IsString({ message: 'newPassword is required' })
  newPassword!: string;
}

export class IssueResetDto {
  @ApiProperty({ description: "The member's home territory or one containing it, that you coordinate" })
  @IsUUID('all', { message: 'territoryId must be a UUID' })
  territoryId!: string;
}

export class RoleChangeDto implements RoleChangeRequest {
  @ApiProperty({ enum: ['driver', 'coordinator'] })
  @IsIn(['driver', 'coordinator'], { message: 'role must be driver or coordinator' })
  role!: GrantedRole;

  @ApiProperty()
  @IsUUID('all', { message: 'territoryId must be a UUID' })
  territoryId!: string;

  @ApiProperty()
  @IsReason()
  reason!: string;
}

export class RegistrationSettingDto implements RegistrationSettingRequest {
  @ApiProperty()
  @IsBoolean({ message: 'open must be true or false' })
  open!: boolean;
}

export class RegisterDto extends NewMemberDto implements RegisterRequest {
  @ApiProperty()
  @IsUUID('all', { message: 'territoryId must be a UUID' })
  territoryId!: string;
}

export class RequestDecisionDto implements RequestDecision {
  @ApiProperty()
  @IsBoolean({ message: 'approve must be true or false' })
  approve!: boolean;

  @ApiProperty({ required: false, description: 'Required to refuse; logged' })
  @IsOmittable()
  @MaxLength(2000)
  @IsString({ message: 'reason must be text' })
  reason?: string;
}

export class AvailabilitySlotDto implements AvailabilitySlot {
  @ApiProperty({ minimum: 0, maximum: 6, description: '0 = Monday' })
  @IsInt({ message: 'day must be an integer' })
  @Min(0)
  @Max(6)
  day!: number;

  @ApiProperty({ example: '08:00' })
  @Matches(HHMM, { message: 'from must be HH:MM' })
  @IsString({ message: 'from must be HH:MM' })
  from!: string;

  @ApiProperty({ example: '12:00' })
  @Matches(HHMM, { message: 'to must be HH:MM (24:00 for midnight)' })
  @IsString({ message: 'to must be HH:MM' })
  to!: string;
}

export class DriveRequestDto implements DriveRequestBody {
  @ApiProperty({ example: 'blue Berlingo' })
  @Matches(/\S/, { message: 'label must not be blank' })
  @MaxLength(80)
  @IsString({ message: 'label is required' })
  label!: string;

  @ApiProperty({ minimum: 0, maximum: 60 })
  @IsInt({ message: 'seats must be an integer' })
  @Min(0)
  @Max(60)
  seats!: number;

  @ApiProperty({ minimum: 0, maximum: 10 })
  @IsInt({ message: 'wheelchairPlaces must be an integer' })
  @Min(0)
  @Max(10)
  wheelchairPlaces!: number;

  @ApiProperty({ minimum: 0, maximum: 100 })
  @IsInt({ message: 'cargoUnits must be an integer' })
  @Min(0)
  @Max(100)
  cargoUnits!: number;

  @ApiProperty({ type: [AvailabilitySlotDto] })
  @ValidateNested({ each: true })
  @Type(() => AvailabilitySlotDto)
  @ArrayMaxSize(50)
  @IsArray({ message: 'weeklyAvailability must be a list of slots' })
  weeklyAvailability!: AvailabilitySlotDto[];
}
