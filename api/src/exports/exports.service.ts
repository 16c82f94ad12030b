import { Inject, Injectable } from '@nestjs/common';
import { strToU8, zipSync } from 'fflate';
import type { AuthMember } from '../auth/auth-member.js';
import { notFound } from '../common/app-error.js';
import { ExportRepository } from './export.repository.js';
import { gtfsFlexFiles } from './gtfs-flex.js';
import { toValueFlows, type ValueFlowsDocument } from './valueflows.mapper.js';

@Injectable()
export class ExportsService {
  constructor(@Inject(ExportRepository) private readonly exports: ExportRepository) {}

  /** A GTFS-Flex zip for the territory and its descendants, so trip planners can offer Navette. */
  async gtfsFlex(territoryId: string, agencyUrl: string, now = new Date()): Promise<Uint8Array> {
    const zones = await this.exports.zones(territoryId);
    const root = zones[0];
    if (!root) throw notFound('territory');
    const files = gtfsFlexFiles({
      agencyName: `Navette ${root.name}`,
      agencyUrl,
      timezone: root.timezone,
      today: now,
      zones: zones.map((z) => ({
        id: z.id,
        name: z.name,
        geometry: z.geometry,
        serviceHours: z.service_hours,
        timezone: z.timezone,
      })),
    });
    const entries = Object.fromEntries(Object.entries(files).map(([name, text]) => [name, strToU8(text)]));
    return zipSync(entries, { level: 6, mtime: now });
  }

  /** Requests, assignments and finished trips as ValueFlows; coordinators of the territory and admins. */
  async valueFlows(member: AuthMember, territoryId: string): Promise<ValueFlowsDocument> {
    const { allowed, rows } = await this.exports.valueFlowsRows(territoryId, member);
    if (!allowed) throw notFound('territory');
    return toValueFlows(territoryId, rows);
  }
}
