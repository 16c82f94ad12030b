import { ApiProperty } from '@nestjs/swagger';
import { Allow, IsIn } from 'class-validator';
import { IsBbox } from '../../common/geojson.validators.js';
import { IsOmittable } from '../../common/omittable.validator.js';

/**
 * What every territory body shares as a GeoJSON Feature. A Feature's own id and (valid) bbox are
 * accepted and ignored: the server names territories. Subclasses add the geometry and the properties.
 */
export abstract class FeatureDto {
  @ApiProperty({ enum: ['Feature'] })
  @IsIn(['Feature'], { message: 'type must be "Feature"' })
  type!: 'Feature';

  @Allow()
  id?: unknown;

  @ApiProperty({ required: false, type: [Number], description: '[west, south, east, north], ignored' })
  @IsOmittable()
  @IsBbox()
  bbox?: unknown;
}
