import { ApiProperty } from '@nestjs/swagger';
import type { LendingAgreementUpdate, TerritoryLender, TerritoryLendingUpdate } from '@navette/contracts';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsInt, IsUUID, Max, Min, ValidateNested } from 'class-validator';

export class LenderDto implements TerritoryLender {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'territoryId must be a UUID' })
  territoryId!: string;

  @ApiProperty({ minimum: 0, maximum: 86_400 })
  @IsInt()
  @Min(0)
  @Max(86_400)
  afterSeconds!: number;
}

/** The whole list of territories lending drivers to this one; it replaces the previous list. */
export class UpdateLendingDto implements TerritoryLendingUpdate {
  @ApiProperty({ type: [LenderDto] })
  @IsArray({ message: 'lenders must be an array' })
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => LenderDto)
  lenders!: LenderDto[];
}

/** The lender's answer: agree to lend drivers, or withdraw. */
export class LendingAgreementDto implements LendingAgreementUpdate {
  @ApiProperty()
  @IsBoolean({ message: 'agreed must be true or false' })
  agreed!: boolean;
}
