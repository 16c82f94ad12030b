import { Controller, Get, Header, Inject, Param, Query, StreamableFile } from '@nestjs/common';
import type { AuthMember } from '../auth/auth-member.js';
import { CurrentMember, Public, Roles } from '../auth/auth.decorators.js';
import { ExportsService } from './exports.service.js';
import type { ValueFlowsDocument } from './valueflows.mapper.js';
import { uuidParam } from '../common/uuid.pipe.js';

const uuid = uuidParam();

/** Open standards out: GTFS-Flex for trip planners, ValueFlows for the community's own accounts. */
@Controller('territories')
export class ExportsController {
  constructor(@Inject(ExportsService) private readonly exports: ExportsService) {}

  /** Public, like the service areas: a GTFS-Flex feed of the territory and the ones nested in it. */
  @Public()
  @Get(':id/gtfs-flex.zip')
  async gtfsFlex(@Param('id', uuid) id: string): Promise<StreamableFile> {
    const zip = await this.exports.gtfsFlex(id);
    return new StreamableFile(zip, {
      type: 'application/zip',
      disposition: `attachment; filename="navette-${id}-gtfs-flex.zip"`,
      length: zip.byteLength,
    });
  }

  /** Requests, assignments and finished trips (JSON-LD), optionally of `?from&to` (ISO 8601). Coordinators and admins. */
  @Get(':id/valueflows.jsonld')
  @Roles('coordinator')
  @Header('content-type', 'application/ld+json; charset=utf-8')
  valueFlows(
    @CurrentMember() member: AuthMember,
    @Param('id', uuid) id: string,
    @Query('from') from?: string,
    @Query('to') to?: string,
  ): Promise<ValueFlowsDocument> {
    return this.exports.valueFlows(member, id, from, to);
  }
}
