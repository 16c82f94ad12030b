import { ApiProperty } from '@nestjs/swagger';
import type { FileReportRequest } from '@navette/contracts';
import { IsIn, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { IsOmittable } from '../../common/omittable.validator.js';

export class FileReportDto implements FileReportRequest {
  @ApiProperty()
  @IsUUID('all', { message: 'subjectId must be a UUID' })
  subjectId!: string;

  @ApiProperty({ required: false })
  @IsOmittable()
  @IsUUID('all', { message: 'rideId must be a UUID' })
  rideId?: string;

  @ApiProperty({ enum: ['no-show', 'unsafe', 'abuse', 'other'] })
  @IsIn(['no-show', 'unsafe', 'abuse', 'other'], { message: 'kind must be no-show, unsafe, abuse or other' })
  kind!: FileReportRequest['kind'];

  @ApiProperty({ maxLength: 2000 })
  @IsString()
  @MinLength(1, { message: 'text must say what happened' })
  @MaxLength(2000, { message: 'text must be at most 2000 characters' })
  text!: string;
}
