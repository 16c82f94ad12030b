import { ApiProperty } from '@nestjs/swagger';
import type { VouchByCodeRequest } from '@navette/contracts';
import { IsString, MaxLength } from 'class-validator';

export class VouchByCodeDto implements VouchByCodeRequest {
  @ApiProperty({ description: 'The code the member shared (ABCDE-12345)', example: 'K7QF2-MXP9T' })
  @MaxLength(40, { message: 'code must be the 10-character code the member shared' })
  @IsString({ message: 'code is required' })
  code!: string;
}
