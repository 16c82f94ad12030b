import { Controller, Get, Header, Inject, Param, Query, StreamableFile } from '@nestjs/common';
import type { AuthMember } from '../auth/auth-member.js';
import { CurrentMember, Public, Roles } from '../auth/auth.decorators.js';
import { ExportsService } from './exports.service.js';
import type { ValueFlowsDocument } from './valueflows.mapper.js';
import { uuidParam } from '../common/uuid.pipe.js';
import { ApiDoc, periodQuery } from '../api-docs/api-doc.decorator.js';
import { ApiTags } from '@nestjs/swagger';

const uuid = uuidParam();

/** Open standards out: GTFS-Flex for trip planners, ValueFlows for the community's own accounts. */
@ApiTags('exports')
@Controller('territories')
export class ExportsController {
  constructor(@Inject(ExportsService) private readonly exports: ExportsService) {}

  /** Public, like the service areas: a GTFS-Flex feed of the territory and the ones nested in it. */
  @Public()
  @ApiDoc({
    summary: 'GTFS-Flex feed',
    description:
      'A GTFS-Flex feed (zip) of the territory and the ones nested in it; public like the service areas.',
    replies: {
      200: {
        mediaType: 'application/zip',
        schema: { type: 'string', contentMediaType: 'application/zip' },
        description: 'The feed, as a zip file',
      },
    },
  })
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
  @ApiDoc({
    summary: 'ValueFlows export',
    description:
      'Requests, assignments and finished trips of the territory as ValueFlows (JSON-LD), for its coordinators and admins.',
    replies: {
      200: {
        mediaType: 'application/ld+json',
        schema: { $ref: '#/components/schemas/ValueFlowsDocument' },
        description: 'The JSON-LD document',
      },
    },
    query: { from: periodQuery('from'), to: periodQuery('to') },
  })
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
