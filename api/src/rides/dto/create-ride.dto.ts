import { ApiProperty, type ApiPropertyOptions } from '@nestjs/swagger';
import type { CreateRideRequest, PointGeometry, RequestKind } from '@navette/contracts';
import { Transform, Type } from 'class-transformer';
import { IsIn, IsInt, IsObject, IsString, Length, Max, Min, ValidateNested } from 'class-validator';
import { IsElsewhereThan, IsGeoJsonPoint, normalisedPoint } from '../../common/geojson.validators.js';
import { IsIsoInstant } from '../../common/iso-instant.js';
import { IsOmittable } from '../../common/omittable.validator.js';
import { CreateTaskDto } from '../../tasks/dto/create-task.dto.js';

const pointSchema: ApiPropertyOptions = {
  allOf: [{ $ref: '#/components/schemas/PointGeometry' }],
  description:
    'GeoJSON Point, coordinates [lng, lat] (an altitude is accepted and dropped; foreign members are ignored)',
  example: { type: 'Point', coordinates: [24.9496, 60.1841] },
};

export class CreateRideDto implements CreateRideRequest {
  @ApiProperty({ enum: ['ride', 'task'], required: false, default: 'ride' })
  @IsOmittable()
  @IsIn(['ride', 'task'])
  kind?: RequestKind;

  @ApiProperty(pointSchema)
  @Transform(({ value }) => normalisedPoint(value))
  @IsGeoJsonPoint()
  pickup!: PointGeometry;

  @ApiProperty({
    ...pointSchema,
    description:
      'GeoJSON Point, coordinates [lng, lat]; not the pickup (an altitude is accepted and dropped; foreign members are ignored)',
    example: { type: 'Point', coordinates: [24.9384, 60.1699] },
  })
  @Transform(({ value }) => normalisedPoint(value))
  @IsGeoJsonPoint()
  @IsElsewhereThan('pickup')
  dropoff!: PointGeometry;

  @ApiProperty({
    required: false,
    default: 1,
    minimum: 0,
    maximum: 8,
    description: 'Default 1 for a ride; a task takes none',
  })
  @IsOmittable()
  @IsInt()
  @Min(0)
  @Max(8)
  seats?: number;

  @ApiProperty({ required: false, default: 0, minimum: 0, maximum: 2 })
  @IsOmittable()
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
  @IsOmittable()
  @IsInt()
  @Min(1)
  @Max(6)
  maxTrustDistance?: number;

  @ApiProperty({
    required: false,
    format: 'date-time',
    description:
      'Booked ahead: wanted pickup time, ISO 8601 with an offset (…Z or …+02:00), 15 min to 14 days ahead',
  })
  @IsOmittable()
  @IsIsoInstant()
  pickupAt?: string;

  @ApiProperty({
    required: false,
    minLength: 1,
    maxLength: 280,
    description:
      'Words for the driver ("blue door", "a guide dog"), 1–280 characters after trimming; shown to the driver with the trip, cleared with the exact places at retention',
    example: 'Blue door, second floor',
  })
  @IsOmittable()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsString({ message: 'notes must be text' })
  @Length(1, 280, { message: 'notes must be 1 to 280 characters (after trimming)' })
  notes?: string;

  @ApiProperty({
    type: CreateTaskDto,
    required: false,
    description: 'Required for kind task: what, size, recipient, windows',
  })
  @IsOmittable()
  @IsObject({ message: 'task must be an object' })
  @ValidateNested()
  @Type(() => CreateTaskDto)
  task?: CreateTaskDto;
}
