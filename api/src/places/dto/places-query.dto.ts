import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, Matches, MaxLength } from 'class-validator';
import { IsOmittable } from '../../common/omittable.validator.js';
import { IsBboxText, IsLngLatText, NO_CONTROL_CHARACTERS } from './point-text.validators.js';

/** `GET /api/places/search`: what is typed, and where the map looks. */
export class SearchPlacesQueryDto {
  @ApiProperty({ description: 'What the rider typed, 1–100 characters', example: 'kallio' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  @Matches(/\S/, { message: 'q must contain a letter or digit' })
  @Matches(NO_CONTROL_CHARACTERS, { message: 'q must not contain control characters' })
  q!: string;

  @ApiProperty({ required: false, description: 'lng,lat: nearer places first', example: '24.95,60.18' })
  @IsOmittable()
  @IsString()
  @IsLngLatText()
  near?: string;

  @ApiProperty({
    required: false,
    description: 'west,south,east,north: the map view; its centre when no near',
  })
  @IsOmittable()
  @IsString()
  @IsBboxText()
  bbox?: string;

  @ApiProperty({ required: false, description: 'at most this many results, 1–20; default 8', example: '8' })
  @IsOmittable()
  @IsString()
  @Matches(/^(?:[1-9]|1\d|20)$/, { message: 'limit must be an integer from 1 to 20' })
  limit?: string;
}

/** `GET /api/places/reverse` and `/api/places/snap`: one point. */
export class PointQueryDto {
  @ApiProperty({ description: 'lng,lat in degrees', example: '24.95,60.18' })
  @IsString()
  @IsLngLatText()
  at!: string;
}
