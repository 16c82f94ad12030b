import { ApiProperty } from '@nestjs/swagger';
import type { HandoverRequest } from '@navette/contracts';
import { IsIn, IsString, Matches, MaxLength } from 'class-validator';
import { IsOmittable } from '../../common/omittable.validator.js';

export const HANDOVER_OUTCOMES: readonly HandoverRequest['outcome'][] = [
  'code',
  'neighbour',
  'safe-place',
  'failed',
  'returned',
];

export class HandoverDto implements HandoverRequest {
  @ApiProperty({ enum: HANDOVER_OUTCOMES })
  @IsIn(HANDOVER_OUTCOMES, { message: `outcome must be one of ${HANDOVER_OUTCOMES.join(', ')}` })
  outcome!: HandoverRequest['outcome'];

  @ApiProperty({
    required: false,
    pattern: '^[0-9]{6}$',
    description: 'The six digits the recipient gives, with outcome code',
  })
  @IsOmittable()
  @IsString()
  @Matches(/^[0-9]{6}$/, { message: 'code must be six digits' })
  code?: string;

  @ApiProperty({
    required: false,
    maxLength: 500,
    description: 'Who or where, with neighbour and safe-place',
  })
  @IsOmittable()
  @IsString()
  @MaxLength(500)
  note?: string;
}
