import { Inject, Injectable } from '@nestjs/common';
import { strToU8, zipSync } from 'fflate';
import type { AuthMember } from '../auth/auth-member.js';
import { AppError, notFound } from '../common/app-error.js';
import { APP_CONFIG, publicUrlOf, type AppConfig } from '../config/app-config.js';
import { parsePeriod } from '../common/period.js';
import { ExportRepository, VALUEFLOWS_MAX_REQUESTS } from './export.repository.js';
import { gtfsFlexFiles } from './gtfs-flex.js';
import { sharedEffortSeconds } from './shared-effort.js';
import { toValueFlows, type ValueFlowsDocument } from './valueflows.mapper.js';

@Injectable()
export class ExportsService {
  constructor(
    @Inject(ExportRepository) private readonly exports: ExportRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * A GTFS-Flex zip for the territory and its descendants, so trip planners can offer Navette. Its
   * URLs are the configured public address: the feed is public and cacheable, so nothing in it may
   * come from the request.
   */
  async gtfsFlex(territoryId: string, now = new Date()): Promise<Uint8Array> {
    const publicUrl = publicUrlOf(this.config);
    const zones = await this.exports.zones(territoryId);
    const root = zones[0];
    if (!root) throw notFound('territory');
    const files = gtfsFlexFiles({
      agencyName: `Navette ${root.name}`,
      agencyUrl: publicUrl,
      booking: { url: publicUrl, ...(this.config.bookingPhone ? { phone: this.config.bookingPhone } : {}) },
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

  /**
   * Requests made in `[from, to)` (default: all until now), their assignments and finished trips as
   * ValueFlows; coordinators of the territory and admins. More than `VALUEFLOWS_MAX_REQUESTS` is
   * refused rather than cut: an export that silently lacks requests would mislead the accounts.
   */
  async valueFlows(
    member: AuthMember,
    territoryId: string,
    fromText?: string,
    toText?: string,
  ): Promise<ValueFlowsDocument> {
    const period = parsePeriod(fromText, toText, { defaultFrom: () => new Date(0) });
    const { allowed, rows } = await this.exports.valueFlowsRows(territoryId, member, period);
    if (!allowed) throw notFound('territory');
    if (rows.length > VALUEFLOWS_MAX_REQUESTS) {
      throw new AppError(
        'VALIDATION_FAILED',
        `more than ${VALUEFLOWS_MAX_REQUESTS} requests in this period: ask for a shorter one with from and to`,
        'from',
      );
    }
    const trips = [...new Set(rows.flatMap((r) => (r.tripId && r.status === 'completed' ? [r.tripId] : [])))];
    const effort = sharedEffortSeconds(trips.length ? await this.exports.aboard(trips) : []);
    return toValueFlows(territoryId, rows, effort);
  }
}
