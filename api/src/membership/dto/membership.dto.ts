import { ApiProperty } from '@nestjs/swagger';
import type {
  ChangePasswordRequest,
  CreateInvitationRequest,
  GrantedRole,
  JoinRequest,
  ResetPasswordRequest,
  RoleChangeRequest,
} from '@navette/contracts';
import { IsEmail, IsIn, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { IsOmittable } from '../../common/omittable.validator.js';
import { IsReason } from '../../reports/dto/decide.dto.js';

/** A link token as issued: 32 random bytes in base64url (43 characters). */
const TOKEN = /^[A-Za-z0-9_-]{43}$/;
const tokenMessage = 'token must be the 43-character code of the link';

export class CreateInvitationDto implements CreateInvitationRequest {
  @ApiProperty({
    required: false,
    description: 'Required of coordinators; a member invites into their home territory',
  })
  @IsOmittable()
  @IsUUID('all', { message: 'territoryId must be a UUID' })
  territoryId?: string;
}

export class JoinDto implements JoinRequest {
  @ApiProperty()
  @Matches(TOKEN, { message: tokenMessage })
  @IsString({ message: tokenMessage })
  token!: string;

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
