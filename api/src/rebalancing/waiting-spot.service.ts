import { Inject, Injectable } from '@nestjs/common';
import type { LngLat, WaitingSpotAnswerRequest, WaitingSpotView } from '@navette/contracts';
import { DEFAULT_REBALANCE, suggestWaitingSpots, type RebalanceZone } from '@navette/sql';
import { notFound } from '../common/app-error.js';
import { FairnessRepository } from '../fairness/fairness.repository.js';
import { RotaCoverageRepository } from '../rota/rota-coverage.repository.js';
import { WaitingSpotRepository } from './waiting-spot.repository.js';

/** A zone's service rate is read over this many hours before now (the bench's day-long window). */
export const SERVICE_WINDOW_HOURS = 12;
/** The engine's default travel model, as the pickup estimate shown to riders: 30 km/h, circuity 1.3. */
const SPEED_MPS = 8.33;
const CIRCUITY = 1.3;
const EARTH_RADIUS_METERS = 6_371_008.8;

/** Driving time between two points by the default model, seconds. */
export function travelSeconds([lng1, lat1]: Readonly<LngLat>, [lng2, lat2]: Readonly<LngLat>): number {
  const rad = (d: number) => (d * Math.PI) / 180;
  const a =
    Math.sin(rad(lat2 - lat1) / 2) ** 2 +
    Math.cos(rad(lat1)) * Math.cos(rad(lat2)) * Math.sin(rad(lng2 - lng1) / 2) ** 2;
  return (2 * EARTH_RADIUS_METERS * Math.asin(Math.min(1, Math.sqrt(a))) * CIRCUITY) / SPEED_MPS;
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
    const me = await this.spots.driver(driverId);
    const none = (reason: NonNullable<WaitingSpotView['reason']>): WaitingSpotView => ({
      suggestion: null,
      reason,
    });
    if (!me) return none('off-shift');
    if (me.busy) return none('busy');
    if (!me.position) return none('no-position');
    if (me.optedOut) return none('opted-out');
    if (me.declinedLately) return none('declined-lately');
    const zones = await this.spots.zones(me.scopeId, DEFAULT_REBALANCE.horizonSeconds);
    const now = new Date();
    const recent = await this.fairness.zones(
      me.scopeId,
      new Date(now.getTime() - SERVICE_WINDOW_HOURS * 3_600_000),
      now,
    );
    const forecast = await this.coverage.forecastNow(
      zones.map((z) => z.id),
      me.timezone,
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
    const idle = await this.spots.idleDrivers(me.scopeId);
    const suggested = suggestWaitingSpots(ruleZones, idle, travelSeconds, DEFAULT_REBALANCE);
    const zoneId = suggested.get(driverId);
    const zone = zones.find((z) => z.id === zoneId);
    if (!zone) return none('balanced');
    const shown =
      (await this.spots.live(driverId, me.shiftId, zone.id)) ??
      (await this.spots.record(driverId, me.shiftId, zone.id, zone.placeId));
    return {
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
    };
  }

  /** "Go there" or "Not now": recorded; declining costs nothing and quiets suggestions for a while. */
  async answer(driverId: string, body: WaitingSpotAnswerRequest): Promise<WaitingSpotView> {
    if (!(await this.spots.answer(driverId, body.suggestionId, body.answer))) throw notFound('suggestion');
    return this.suggestion(driverId);
  }
}
