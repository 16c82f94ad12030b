import { ApiProperty } from '@nestjs/swagger';
import type { ManualOfferRequest, OverrideRequest } from '@navette/contracts';
import { IsUUID } from 'class-validator';
import { IsReason } from '../../reports/dto/decide.dto.js';

export class OverrideDto implements OverrideRequest {
  @ApiProperty({ description: 'Why: recorded in the audit log, shown to the driver' })
  @IsReason()
  reason!: string;
}

export class ManualOfferDto implements ManualOfferRequest {
  @ApiProperty({ description: 'The driver on shift to offer the ride to' })
  @IsUUID('all', { message: 'driverId must be a UUID' })
  driverId!: string;

  @ApiProperty({ description: 'Why: recorded in the audit log, shown to the driver' })
  @IsReason()
  reason!: string;
}
