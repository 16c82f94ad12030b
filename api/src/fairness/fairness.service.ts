import { Inject, Injectable } from '@nestjs/common';
import type { FairnessReport } from '@navette/contracts';
import type { AuthMember } from '../auth/auth-member.js';
import { notFound } from '../common/app-error.js';
import { DAY_MS, parsePeriod } from '../common/period.js';
import { TerritoryRepository } from '../territories/territory.repository.js';
import { FairnessRepository } from './fairness.repository.js';
import { gini, percentile } from './gini.js';

@Injectable()
export class FairnessService {
  constructor(
    @Inject(FairnessRepository) private readonly figures: FairnessRepository,
    @Inject(TerritoryRepository) private readonly territories: TerritoryRepository,
  ) {}

  /** Coordinators of the territory (or of one containing it) and admins; others: not found. */
  async report(
    member: AuthMember,
    territoryId: string,
    fromText?: string,
    toText?: string,
  ): Promise<FairnessReport> {
    if (member.role !== 'admin') {
      const scope = await this.territories.coordinatedWithDescendants(member.id);
      if (!scope.includes(territoryId)) throw notFound('territory');
    }
    const { from, to } = parsePeriod(fromText, toText, {
      defaultFrom: (end) => new Date(end.getTime() - 7 * DAY_MS),
      maxDays: 366,
    });
    const [zoneRows, driverRows, lending, kindRows] = await Promise.all([
      this.figures.zones(territoryId, from, to),
      this.figures.drivers(territoryId, from, to),
      this.figures.lending(territoryId, from, to),
      this.figures.kinds(territoryId, from, to),
    ]);
    if (zoneRows.length === 0) throw notFound('territory');
    const zones = zoneRows.map((z) => {
      const { serviceRate, refusalRate, waitP50Seconds, waitP90Seconds } = ratesOf(z);
      return {
        territoryId: z.territory_id,
        name: z.name,
        requests: z.requests,
        served: z.served,
        refused: z.refused,
        cancelled: z.cancelled,
        serviceRate,
        refusalRate,
        waitP50Seconds,
        waitP90Seconds,
        declinedOffers: z.declined_offers,
      };
    });
    const served = zones.reduce((s, z) => s + z.served, 0);
    const decided = served + zones.reduce((s, z) => s + z.refused, 0);
    const trips = driverRows.reduce((s, d) => s + d.trips, 0);
    const hours = driverRows.reduce((s, d) => s + d.declared_hours_per_week, 0);
    const rotaMinutes = driverRows.reduce((s, d) => s + d.rota_minutes, 0);
    return {
      territoryId,
      from: from.toISOString(),
      to: to.toISOString(),
      zones,
      refusalGini: gini(zones.filter((z) => z.refusalRate !== null).map((z) => z.refusalRate!)),
      overallServiceRate: decided ? served / decided : null,
      drivers: driverRows.map((d) => ({
        driverId: d.driver_id,
        name: d.name,
        trips: d.trips,
        loadShare: trips ? d.trips / trips : 0,
        declaredHoursPerWeek: d.declared_hours_per_week,
        availabilityShare: hours ? d.declared_hours_per_week / hours : 0,
        rotaShiftHours: Math.round((d.rota_minutes / 60) * 10) / 10,
        rotaShiftShare: rotaMinutes ? d.rota_minutes / rotaMinutes : 0,
      })),
      lending,
      kinds: kindRows.map((k) => {
        const { serviceRate, waitP50Seconds, waitP90Seconds } = ratesOf(k);
        const { kind, requests, served, refused, cancelled } = k;
        return { kind, requests, served, refused, cancelled, serviceRate, waitP50Seconds, waitP90Seconds };
      }),
    };
  }
}

/** Service and refusal rates over what was decided (null when nothing was), and the wait percentiles. */
function ratesOf(row: { served: number; refused: number; waits: number[] | null }) {
  const decided = row.served + row.refused;
  return {
    serviceRate: decided ? row.served / decided : null,
    refusalRate: decided ? row.refused / decided : null,
    waitP50Seconds: percentile(row.waits ?? [], 50),
    waitP90Seconds: percentile(row.waits ?? [], 90),
  };
}
