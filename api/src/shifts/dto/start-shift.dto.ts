import { ApiProperty } from '@nestjs/swagger';
import type { LngLat, StartShiftRequest } from '@navette/contracts';
import { IsUUID } from 'class-validator';
import { IsLngLat } from '../../common/geojson.validators.js';
import { IsOmittable } from '../../common/omittable.validator.js';

export class StartShiftDto implements StartShiftRequest {
  @ApiProperty({ type: [Number], example: [24.9496, 60.1841], description: '[lng, lat]' })
  @IsLngLat()
  position!: LngLat;

  @ApiProperty({ required: false })
  @IsOmittable()
  @IsUUID('all', { message: 'vehicleId must be a UUID' })
  vehicleId?: string;
}
