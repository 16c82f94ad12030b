import { Inject, Injectable } from '@nestjs/common';
import type { LngLat, WaitingSpotAnswerRequest, WaitingSpotView } from '@navette/contracts';
import { GreatCircleTravelTimes } from '@navette/matching';
import { DEFAULT_REBALANCE, suggestWaitingSpots, type RebalanceZone } from '@navette/sql';
import { notFound } from '../common/app-error.js';
import { FairnessRepository } from '../fairness/fairness.repository.js';
import { RotaCoverageRepository } from '../rota/rota-coverage.repository.js';
import { WaitingSpotRepository, type DriverFactsRow } from './waiting-spot.repository.js';

/** A zone's service rate is read over this many hours before now (the bench's day-long window). */
export const SERVICE_WINDOW_HOURS = 12;
/** The engine's default travel model, as the pickup estimate shown to riders (rides.service). */
const TRAVEL = new GreatCircleTravelTimes();
const travelSeconds = (from: Readonly<LngLat>, to: Readonly<LngLat>): number => TRAVEL.seconds(from, to);

type NoneReason = NonNullable<WaitingSpotView['reason']>;

const none = (reason: NoneReason): WaitingSpotView => ({ suggestion: null, reason });

/** Why a driver on shift gets no suggestion whatever the zones say, or null. */
function reasonForNone(me: DriverFactsRow): NoneReason | null {
  if (me.busy) return 'busy';
  if (!me.position) return 'no-position';
  if (me.optedOut) return 'opted-out';
  if (me.declinedLately) return 'declined-lately';
  return null;
}

/**
 * Where an idle driver could wait (issue 13, ADR 0034): the rule of `@navette/sql` (the one the
 * fairness bench simulates) over the zones of the driver's territory, their forecast demand this
 * hour (the rota's forecast), the requests waiting there now and their recent service rate (the
 * fairness report's figures), with every idle driver there counted where they head.
 */
@Injectable()
export class WaitingSpotService {
  constructor(
    @Inject(WaitingSpotRepository) private readonly spots: WaitingSpotRepository,
    @Inject(FairnessRepository) private readonly fairness: FairnessRepository,
    @Inject(RotaCoverageRepository) private readonly coverage: RotaCoverageRepository,
  ) {}

  async suggestion(driverId: string): Promise<WaitingSpotView> {
    return (await this.suggestions([driverId])).get(driverId) ?? none('off-shift');
  }

  /**
   * The suggestion of each of these drivers, the rule run once per zone set (scope) they wait in:
   * what the socket's periodic push asks for every driver a node holds (ADR 0034), at the cost of
   * one query for all of them plus one computation per town, whatever the number of drivers.
   */
  async suggestions(driverIds: string[]): Promise<Map<string, WaitingSpotView>> {
    const views = new Map<string, WaitingSpotView>(driverIds.map((id) => [id, none('off-shift')]));
    // By scope and the timezone of the forecast's hour (one per town in practice).
    const waiting = new Map<string, DriverFactsRow[]>();
    for (const me of driverIds.length > 0 ? await this.spots.drivers(driverIds) : []) {
      const why = reasonForNone(me);
      const key = `${me.scopeId} ${me.timezone}`;
      if (why) views.set(me.driverId, none(why));
      else waiting.set(key, [...(waiting.get(key) ?? []), me]);
    }
    for (const drivers of waiting.values()) {
      for (const [driverId, view] of await this.suggestionsIn(drivers)) views.set(driverId, view);
    }
    return views;
  }

  /** The rule over one scope's zones, for these idle drivers on shift in it (with a position). */
  private async suggestionsIn(drivers: DriverFactsRow[]): Promise<Map<string, WaitingSpotView>> {
    const { scopeId, timezone } = drivers[0]!;
    const zones = await this.spots.zones(scopeId, DEFAULT_REBALANCE.horizonSeconds);
    const now = new Date();
    const recent = await this.fairness.zones(
      scopeId,
      new Date(now.getTime() - SERVICE_WINDOW_HOURS * 3_600_000),
      now,
    );
    const forecast = await this.coverage.forecastNow(
      zones.map((z) => z.id),
      timezone,
    );
    const rates = new Map(
      recent.map((z) => [
        z.territory_id,
        z.served + z.refused > 0 ? z.served / (z.served + z.refused) : null,
      ]),
    );
    const ruleZones: RebalanceZone[] = zones.map((z) => ({
      id: z.id,
      spot: z.position,
      forecastPerHour: forecast.get(z.id) ?? 0,
      serviceRate: rates.get(z.id) ?? null,
      waiting: z.waiting,
    }));
    const idle = await this.spots.idleDrivers(scopeId);
    const suggested = suggestWaitingSpots(ruleZones, idle, travelSeconds, DEFAULT_REBALANCE);
    const views = new Map<string, WaitingSpotView>();
    for (const me of drivers) {
      const zoneId = suggested.get(me.driverId);
      const zone = zones.find((z) => z.id === zoneId);
      if (!zone || !me.position) {
        views.set(me.driverId, none('balanced'));
        continue;
      }
      const shown = await this.spots.shown(me.driverId, me.shiftId, zone.id, zone.placeId);
      views.set(me.driverId, {
        reason: null,
        suggestion: {
          id: shown.id,
          zoneId: zone.id,
          zoneName: zone.name,
          placeName: zone.placeName,
          position: zone.position,
          travelSeconds: Math.round(travelSeconds(me.position, zone.position)),
          zoneServiceRate: rates.get(zone.id) ?? null,
          forecastRidesPerHour: Math.round((forecast.get(zone.id) ?? 0) * 100) / 100,
          suggestedAt: shown.suggestedAt.toISOString(),
        },
      });
    }
    return views;
  }

  /** "Go there" or "Not now": recorded; declining costs nothing and quiets suggestions for a while. */
  async answer(driverId: string, body: WaitingSpotAnswerRequest): Promise<WaitingSpotView> {
    if (!(await this.spots.answer(driverId, body.suggestionId, body.answer))) throw notFound('suggestion');
    return this.suggestion(driverId);
  }
}
