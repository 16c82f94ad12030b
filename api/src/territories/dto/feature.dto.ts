import { ApiProperty } from '@nestjs/swagger';
import { Allow, IsIn } from 'class-validator';

/**
 * What every territory body shares as a GeoJSON Feature. A Feature's own id and bbox are accepted
 * and ignored: the server names territories. Subclasses add the geometry and the properties.
 */
export abstract class FeatureDto {
  @ApiProperty({ enum: ['Feature'] })
  @IsIn(['Feature'], { message: 'type must be "Feature"' })
  type!: 'Feature';

  @Allow()
  id?: unknown;

  @Allow()
  bbox?: unknown;
}
