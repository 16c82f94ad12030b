import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';

export class GiveVouchDto {
  @ApiProperty({ description: 'The member you vouch for' })
  @IsUUID('all', { message: 'memberId must be a UUID' })
  memberId!: string;
}
