import { ApiProperty } from '@nestjs/swagger';
import type { TripEvent } from '@navette/contracts';
import { IsIn } from 'class-validator';

export class TripMarkDto {
  @ApiProperty({ enum: ['picked_up', 'dropped_off', 'no_show'] })
  @IsIn(['picked_up', 'dropped_off', 'no_show'], {
    message: 'event must be picked_up, dropped_off or no_show',
  })
  event!: TripEvent;
}
