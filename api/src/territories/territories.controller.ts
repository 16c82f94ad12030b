import { Body, Controller, Get, Inject, Param, Post, Put, UseInterceptors } from '@nestjs/common';
import type { ClientConfig, TerritoryCollection, TerritoryDetail } from '@navette/contracts';
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
import { ApiDoc, geoJson } from '../api-docs/api-doc.decorator.js';
import { ApiTags } from '@nestjs/swagger';

const uuid = uuidParam();

@ApiTags('territories')
@Controller()
export class TerritoriesController {
  constructor(
    @Inject(TerritoryRepository) private readonly territories: TerritoryRepository,
    @Inject(TerritoryAdminService) private readonly admin: TerritoryAdminService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Service areas are public: trip planners and the map show them to anyone. */
  @Public()
  @ApiDoc({
    summary: 'Service areas',
    description: 'Every territory as a GeoJSON FeatureCollection; public.',
    replies: { 200: geoJson('TerritoryCollection') },
  })
  @Get('territories')
  @UseInterceptors(GeoJsonResponseInterceptor)
  list(): Promise<TerritoryCollection> {
    return this.territories.collection();
  }

  /** One territory with its rules and lending; public like the list. */
  @Public()
  @ApiDoc({
    summary: 'One territory',
    description: 'A territory with its rules and lending; public.',
    replies: { 200: geoJson('TerritoryDetail') },
  })
  @Get('territories/:id')
  @UseInterceptors(GeoJsonResponseInterceptor)
  get(@Param('id', uuid) id: string): Promise<TerritoryDetail> {
    return this.admin.get(id);
  }

  /** Upload a territory (GeoJSON Feature) inside one the coordinator coordinates; admins anywhere. */
  @ApiDoc({
    summary: 'Upload a territory',
    description: 'A GeoJSON Feature inside a territory the coordinator coordinates; admins anywhere.',
    replies: { 201: geoJson('TerritoryDetail') },
    errors: ['CONFLICT'],
  })
  @Post('territories')
  @UseInterceptors(GeoJsonResponseInterceptor, FeatureBodyInterceptor)
  @Roles('coordinator')
  create(@CurrentMember() member: AuthMember, @Body() body: CreateTerritoryDto): Promise<TerritoryDetail> {
    return this.admin.create(member, body);
  }

  /** Change a territory's rules or geometry (not its level or parent). */
  @ApiDoc({
    summary: 'Change a territory',
    description: 'Its rules or geometry (not its level or parent).',
    replies: { 200: geoJson('TerritoryDetail') },
    errors: ['CONFLICT'],
  })
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
  @ApiDoc({
    summary: 'Set lenders',
    description:
      'Which neighbouring territories are asked to lend drivers, and after how long; replaces the list.',
    replies: { 200: geoJson('TerritoryDetail') },
  })
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
  @ApiDoc({
    summary: 'Agree to lend',
    description: 'The lender’s coordinators agree to lend drivers to a territory that asked, or withdraw.',
    replies: { 200: geoJson('TerritoryDetail') },
  })
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
  @ApiDoc({
    summary: 'Client configuration',
    description: 'What the front ends need before login.',
    replies: { 200: 'ClientConfig' },
  })
  @Get('config')
  clientConfig(): ClientConfig {
    return {
      mapStyleUrl: this.config.mapStyleUrl,
      mapStyleDarkUrl: this.config.mapStyleDarkUrl ?? this.config.mapStyleUrl,
    };
  }
}
