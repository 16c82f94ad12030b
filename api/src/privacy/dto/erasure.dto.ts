import { ApiProperty } from '@nestjs/swagger';
import type { ErasureRequest } from '@navette/contracts';
import { IsString, MaxLength, MinLength } from 'class-validator';

export class ErasureDto implements ErasureRequest {
  @ApiProperty({ description: 'The member’s current password, to confirm', minLength: 1, maxLength: 200 })
  @IsString({ message: 'password must be a string' })
  @MinLength(1)
  @MaxLength(200)
  password!: string;
}
