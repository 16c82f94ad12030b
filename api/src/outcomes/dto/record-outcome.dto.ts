import { ApiProperty } from '@nestjs/swagger';
import type { RecordOutcomeRequest } from '@navette/contracts';
import { IsBoolean } from 'class-validator';

export class RecordOutcomeDto implements RecordOutcomeRequest {
  @ApiProperty({ description: 'Did it go well?' })
  @IsBoolean({ message: 'success must be true or false' })
  success!: boolean;
}
