import { ApiProperty } from '@nestjs/swagger';
import type { AreaGeometry, TerritoryUpdate } from '@navette/contracts';
import { Type } from 'class-transformer';
import { IsObject, IsString, Length, ValidateNested } from 'class-validator';
import { AREA_EXAMPLE, IsAreaGeometry } from '../area-geometry.js';
import { FeatureDto } from './feature.dto.js';
import { TerritoryRulesDto } from './territory-rules.dto.js';
import { IsOmittable } from '../../common/omittable.validator.js';

export class UpdateTerritoryPropertiesDto extends TerritoryRulesDto {
  @ApiProperty({ required: false, minLength: 1, maxLength: 120 })
  @IsOmittable()
  @IsString()
  @Length(1, 120)
  name?: string;
}

/** A new geometry, new rules, or both. Level and parent are not changed here (unknown fields are refused). */
export class UpdateTerritoryDto extends FeatureDto implements TerritoryUpdate {
  @ApiProperty({
    required: false,
    allOf: [{ $ref: '#/components/schemas/AreaGeometry' }],
    description:
      'GeoJSON Polygon or MultiPolygon, [lng, lat] (an altitude is accepted and dropped; foreign members are ignored)',
    example: AREA_EXAMPLE,
  })
  @IsOmittable()
  @IsAreaGeometry()
  geometry?: AreaGeometry;

  @ApiProperty({ required: false, type: UpdateTerritoryPropertiesDto })
  @IsOmittable()
  @IsObject({ message: 'properties must be an object' })
  @ValidateNested()
  @Type(() => UpdateTerritoryPropertiesDto)
  properties?: UpdateTerritoryPropertiesDto;
}
