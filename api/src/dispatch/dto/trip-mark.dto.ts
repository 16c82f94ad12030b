import { ApiProperty } from '@nestjs/swagger';
import type { LngLat, TripEvent, TripMark } from '@navette/contracts';
import { IsIn } from 'class-validator';
import { IsLngLat } from '../../common/geojson.validators.js';
import { IsOmittable } from '../../common/omittable.validator.js';

export class TripMarkDto implements TripMark {
  @ApiProperty({ enum: ['picked_up', 'dropped_off', 'no_show'] })
  @IsIn(['picked_up', 'dropped_off', 'no_show'], {
    message: 'event must be picked_up, dropped_off or no_show',
  })
  event!: TripEvent;

  @ApiProperty({
    type: [Number],
    required: false,
    example: [24.9496, 60.1841],
    description:
      'Where the driver is, [lng, lat]: the distance to the stop is recorded with the mark (default: the last reported position)',
  })
  @IsOmittable()
  @IsLngLat()
  position?: LngLat;
}
