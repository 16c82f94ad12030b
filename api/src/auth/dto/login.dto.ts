import { ApiProperty } from '@nestjs/swagger';
import type { LoginRequest } from '@navette/contracts';
import { IsEmail, IsString, MaxLength, MinLength } from 'class-validator';

export class LoginDto implements LoginRequest {
  @ApiProperty({ example: 'alice@demo.navette.org' })
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(254)
  email!: string;

  @ApiProperty({ example: 'navette-demo' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  password!: string;
}
