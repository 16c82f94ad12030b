import { ApiProperty } from '@nestjs/swagger';
import type { AreaGeometry, TerritoryLevel, TerritoryUpload } from '@navette/contracts';
import { Type } from 'class-transformer';
import { IsDefined, IsIn, IsObject, IsString, IsUUID, Length, ValidateNested } from 'class-validator';
import { AREA_EXAMPLE, IsAreaGeometry } from '../area-geometry.js';
import { FeatureDto } from './feature.dto.js';
import { TerritoryRulesDto } from './territory-rules.dto.js';
import { IsOmittable } from '../../common/omittable.validator.js';

export class NewTerritoryPropertiesDto extends TerritoryRulesDto {
  @ApiProperty({ minLength: 1, maxLength: 120 })
  @IsString()
  @Length(1, 120)
  name!: string;

  @ApiProperty({ enum: ['region', 'town', 'neighbourhood'] })
  @IsIn(['region', 'town', 'neighbourhood'], { message: 'level must be region, town or neighbourhood' })
  level!: TerritoryLevel;

  @ApiProperty({ required: false, format: 'uuid' })
  @IsOmittable()
  @IsUUID('all', { message: 'parentId must be a UUID' })
  parentId?: string;
}

/** A GeoJSON Feature: the territory's area (Polygon or MultiPolygon, `[lng, lat]`) and its rules. */
export class CreateTerritoryDto extends FeatureDto implements TerritoryUpload {
  @ApiProperty({
    allOf: [{ $ref: '#/components/schemas/AreaGeometry' }],
    description:
      'GeoJSON Polygon or MultiPolygon, [lng, lat] (an altitude is accepted and dropped; foreign members are ignored)',
    example: AREA_EXAMPLE,
  })
  @IsDefined({ message: 'geometry is required' })
  @IsAreaGeometry()
  geometry!: AreaGeometry;

  @ApiProperty({ type: NewTerritoryPropertiesDto })
  @IsDefined({ message: 'properties is required' })
  @IsObject({ message: 'properties must be an object' })
  @ValidateNested()
  @Type(() => NewTerritoryPropertiesDto)
  properties!: NewTerritoryPropertiesDto;
}
