import { Body, Controller, Get, Inject, Param, Post, Put, UseInterceptors } from '@nestjs/common';
import type { TerritoryCollection, TerritoryDetail } from '@navette/contracts';
import type { AuthMember } from '../auth/auth-member.js';
import { CurrentMember, Public, Roles } from '../auth/auth.decorators.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { CreateTerritoryDto } from './dto/create-territory.dto.js';
import { LendingAgreementDto, UpdateLendingDto } from './dto/update-lending.dto.js';
import { UpdateTerritoryDto } from './dto/update-territory.dto.js';
import { FeatureBodyInterceptor } from './feature-body.interceptor.js';
import { GeoJsonResponseInterceptor } from './geo-json-response.interceptor.js';
import { TerritoryAdminService } from './territory-admin.service.js';
import { TerritoryRepository } from './territory.repository.js';
import { uuidParam } from '../common/uuid.pipe.js';

const uuid = uuidParam();

@Controller()
export class TerritoriesController {
  constructor(
    @Inject(TerritoryRepository) private readonly territories: TerritoryRepository,
    @Inject(TerritoryAdminService) private readonly admin: TerritoryAdminService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Service areas are public: trip planners and the map show them to anyone. */
  @Public()
  @Get('territories')
  @UseInterceptors(GeoJsonResponseInterceptor)
  list(): Promise<TerritoryCollection> {
    return this.territories.collection();
  }

  /** One territory with its rules and lending; public like the list. */
  @Public()
  @Get('territories/:id')
  @UseInterceptors(GeoJsonResponseInterceptor)
  get(@Param('id', uuid) id: string): Promise<TerritoryDetail> {
    return this.admin.get(id);
  }

  /** Upload a territory (GeoJSON Feature) inside one the coordinator coordinates; admins anywhere. */
  @Post('territories')
  @UseInterceptors(GeoJsonResponseInterceptor, FeatureBodyInterceptor)
  @Roles('coordinator')
  create(@CurrentMember() member: AuthMember, @Body() body: CreateTerritoryDto): Promise<TerritoryDetail> {
    return this.admin.create(member, body);
  }

  /** Change a territory's rules or geometry (not its level or parent). */
  @Put('territories/:id')
  @UseInterceptors(GeoJsonResponseInterceptor, FeatureBodyInterceptor)
  @Roles('coordinator')
  update(
    @CurrentMember() member: AuthMember,
    @Param('id', uuid) id: string,
    @Body() body: UpdateTerritoryDto,
  ): Promise<TerritoryDetail> {
    return this.admin.update(member, id, body);
  }

  /**
   * Which neighbouring territories are asked to lend drivers to this one, and after how long.
   * Replaces the list; a lender's drivers are asked only once its coordinators agreed.
   */
  @Put('territories/:id/lending')
  @UseInterceptors(GeoJsonResponseInterceptor)
  @Roles('coordinator')
  lending(
    @CurrentMember() member: AuthMember,
    @Param('id', uuid) id: string,
    @Body() body: UpdateLendingDto,
  ): Promise<TerritoryDetail> {
    return this.admin.setLending(member, id, body.lenders);
  }

  /** The lender's side: its coordinators agree to lend drivers to a territory that asked, or withdraw. */
  @Put('territories/:id/borrowers/:borrowerId')
  @UseInterceptors(GeoJsonResponseInterceptor)
  @Roles('coordinator')
  agreement(
    @CurrentMember() member: AuthMember,
    @Param('id', uuid) id: string,
    @Param('borrowerId', uuidParam('borrowerId')) borrowerId: string,
    @Body() body: LendingAgreementDto,
  ): Promise<TerritoryDetail> {
    return this.admin.setAgreement(member, id, borrowerId, body.agreed);
  }

  /** What the front ends need to know before login. */
  @Public()
  @Get('config')
  clientConfig(): { mapStyleUrl: string; mapStyleDarkUrl: string } {
    return {
      mapStyleUrl: this.config.mapStyleUrl,
      mapStyleDarkUrl: this.config.mapStyleDarkUrl ?? this.config.mapStyleUrl,
    };
  }
}
