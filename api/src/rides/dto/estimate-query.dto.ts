import { ApiProperty } from '@nestjs/swagger';
import { IsString } from 'class-validator';
import { IsLngLatText } from '../../places/dto/point-text.validators.js';

/** `GET /api/rides/estimate`: the two ends of a trip not yet asked for. */
export class EstimateQueryDto {
  @ApiProperty({ description: 'The pickup, lng,lat in degrees', example: '24.95,60.18' })
  @IsString({ message: 'pickup must be lng,lat in degrees' })
  @IsLngLatText()
  pickup!: string;

  @ApiProperty({ description: 'The drop-off, lng,lat in degrees', example: '24.93,60.17' })
  @IsString({ message: 'dropoff must be lng,lat in degrees' })
  @IsLngLatText()
  dropoff!: string;
}
