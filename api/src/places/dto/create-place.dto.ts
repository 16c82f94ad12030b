import { ApiProperty } from '@nestjs/swagger';
import { PLACE_KINDS, type CreatePlaceRequest, type LngLat, type PlaceKind } from '@navette/contracts';
import { IsIn, IsString, Matches, MaxLength, ValidateIf } from 'class-validator';
import { IsLngLat } from '../../common/geojson.validators.js';
import { NO_CONTROL_CHARACTERS } from './point-text.validators.js';

const NAME_OPTIONS = { description: '1–120 characters; trimmed', example: 'Kallion kirjasto' };
const NOT_BLANK = /\S/;

export class CreatePlaceDto implements CreatePlaceRequest {
  @ApiProperty(NAME_OPTIONS)
  @IsString()
  @MaxLength(120)
  @Matches(NOT_BLANK, { message: 'name must not be blank' })
  @Matches(NO_CONTROL_CHARACTERS, { message: 'name must not contain control characters' })
  name!: string;

  @ApiProperty({ enum: PLACE_KINDS })
  @IsIn(PLACE_KINDS)
  kind!: PlaceKind;

  @ApiProperty({
    type: [Number],
    description: '[lng, lat] inside the territory',
    example: [24.9498, 60.1837],
  })
  @IsLngLat()
  position!: LngLat;
}

export class UpdatePlaceDto implements Partial<CreatePlaceRequest> {
  @ApiProperty({ ...NAME_OPTIONS, required: false })
  @ValidateIf((_, v) => v !== undefined)
  @IsString()
  @MaxLength(120)
  @Matches(NOT_BLANK, { message: 'name must not be blank' })
  @Matches(NO_CONTROL_CHARACTERS, { message: 'name must not contain control characters' })
  name?: string;

  @ApiProperty({ enum: PLACE_KINDS, required: false })
  @ValidateIf((_, v) => v !== undefined)
  @IsIn(PLACE_KINDS)
  kind?: PlaceKind;

  @ApiProperty({ type: [Number], required: false, description: '[lng, lat] inside the territory' })
  @ValidateIf((_, v) => v !== undefined)
  @IsLngLat()
  position?: LngLat;
}
