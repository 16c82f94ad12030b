import { ApiProperty, type ApiPropertyOptions } from '@nestjs/swagger';
import type { CreateRideRequest, PointGeometry, RequestKind } from '@navette/contracts';
import { IsIn, IsInt, IsISO8601, IsOptional, Max, Min } from 'class-validator';
import { IsGeoJsonPoint } from '../../common/geojson.validators.js';

const pointSchema: ApiPropertyOptions = {
  type: Object,
  description: 'GeoJSON Point, coordinates [lng, lat]',
  example: { type: 'Point', coordinates: [24.9496, 60.1841] },
};

export class CreateRideDto implements CreateRideRequest {
  @ApiProperty({ enum: ['ride', 'task'], required: false, default: 'ride' })
  @IsOptional()
  @IsIn(['ride', 'task'])
  kind?: RequestKind;

  @ApiProperty(pointSchema)
  @IsGeoJsonPoint()
  pickup!: PointGeometry;

  @ApiProperty(pointSchema)
  @IsGeoJsonPoint()
  dropoff!: PointGeometry;

  @ApiProperty({ required: false, default: 1, minimum: 0, maximum: 8 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(8)
  seats?: number;

  @ApiProperty({ required: false, default: 0, minimum: 0, maximum: 2 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(2)
  wheelchairPlaces?: number;

  @ApiProperty({
    required: false,
    minimum: 1,
    maximum: 6,
    description: 'Only drivers within this many trust steps',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(6)
  maxTrustDistance?: number;

  @ApiProperty({
    required: false,
    description: 'Booked ahead: wanted pickup time, ISO 8601, 15 min to 14 days ahead',
  })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'pickupAt must be an ISO 8601 date and time' })
  pickupAt?: string;
}
