import { ApiProperty } from '@nestjs/swagger';
import type { OverrideRequest } from '@navette/contracts';
import { IsReason } from '../../reports/dto/decide.dto.js';

export class OverrideDto implements OverrideRequest {
  @ApiProperty({ description: 'Why: recorded in the audit log, shown to the driver' })
  @IsReason()
  reason!: string;
}
