import { ApiProperty } from '@nestjs/swagger';
import type { WaitingSpotAnswerRequest } from '@navette/contracts';
import { IsIn, IsUUID } from 'class-validator';

export class WaitingSpotAnswerDto implements WaitingSpotAnswerRequest {
  @ApiProperty({ description: 'The suggestion shown (`suggestion.id`)' })
  @IsUUID('all', { message: 'suggestionId must be a UUID' })
  suggestionId!: string;

  @ApiProperty({ enum: ['followed', 'declined'], description: '"Go there" or "Not now"' })
  @IsIn(['followed', 'declined'])
  answer!: 'followed' | 'declined';
}
