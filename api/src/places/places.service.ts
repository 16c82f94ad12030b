import { Inject, Injectable } from '@nestjs/common';
import type { LngLat, PlaceSearchHit, PlaceView, ReverseLookupView, SnapPreview } from '@navette/contracts';
import type { EntityManager } from 'typeorm';
import type { AuthMember } from '../auth/auth-member.js';
import { AppError, notFound } from '../common/app-error.js';
import type { CreatePlaceDto, UpdatePlaceDto } from './dto/create-place.dto.js';
import { Geocoder } from './geocoder.js';
import { PlaceRepository } from './place.repository.js';

/** Nest injection token for the configured `Geocoder`, or null when `GEOCODER_URL` is unset. */
export const GEOCODER = Symbol('GEOCODER');

/** A point is called by a place's name when the place is at most this far, in meters. */
export const REVERSE_PLACE_METERS = 150;

/** Results of a search when the caller does not say. */
export const DEFAULT_SEARCH_LIMIT = 8;

/** The unique index that keeps one active place per name and territory (see the migration). */
const ONE_ACTIVE_NAME = 'places_one_active_name';

/**
 * Places and search: typo- and accent-tolerant search over named places (then the geocoder's
 * addresses), a name for any point (reverse lookup), snapping pickups to stops, and the
 * coordinators' changes to their territories' places.
 */
@Injectable()
export class PlacesService {
  constructor(
    @Inject(PlaceRepository) private readonly places: PlaceRepository,
    @Inject(GEOCODER) private readonly geocoder: Geocoder | null,
  ) {}

  /**
   * Places of every territory first (best match, then nearest `near` or the view's centre), then
   * addresses from the geocoder, if one is configured and answers in time, up to `limit` in all.
   */
  async search(
    query: string,
    near: LngLat | null,
    bbox: [number, number, number, number] | null,
    limit = DEFAULT_SEARCH_LIMIT,
  ): Promise<PlaceSearchHit[]> {
    const centre: LngLat | null = near ?? (bbox ? [(bbox[0] + bbox[2]) / 2, (bbox[1] + bbox[3]) / 2] : null);
    const text = query.trim();
    // Both start at once: the geocoder's timeout bounds the search, the places never wait for it.
    const [places, addresses] = await Promise.all([
      this.places.search(text, centre, limit),
      this.geocoder ? this.geocoder.search(text, centre, limit) : Promise.resolve([]),
    ]);
    const seen = new Set(places.map((p) => p.name.toLowerCase()));
    const extra: PlaceSearchHit[] = addresses
      .filter((a) => !seen.has(a.name.toLowerCase()))
      .map((a) => ({
        source: 'geocoder',
        name: a.name,
        detail: a.detail,
        kind: 'address',
        position: a.position,
        placeId: null,
      }));
    return [...places, ...extra].slice(0, limit);
  }

  /**
   * A name for any point, never coordinates: the nearest active place within 150 m, else the
   * geocoder's street, else the smallest territory containing it (or the nearest territory).
   */
  async reverse(at: LngLat): Promise<ReverseLookupView> {
    const nearest = await this.places.nearest(at, REVERSE_PLACE_METERS);
    if (nearest) {
      return {
        name: nearest.place.name,
        source: 'place',
        placeId: nearest.place.id,
        distanceMeters: Math.round(nearest.distanceMeters),
      };
    }
    const street = this.geocoder ? await this.geocoder.street(at) : null;
    if (street) return { name: street, source: 'geocoder', placeId: null, distanceMeters: null };
    const area = await this.places.areaName(at);
    if (!area) throw new AppError('NOT_FOUND', 'no place or territory to name this point by', 'at');
    return { name: area, source: 'territory', placeId: null, distanceMeters: null };
  }

  /** What a pickup asked at `at` becomes under its territory's `snapPickupToStopMeters` rule. */
  async snap(at: LngLat): Promise<SnapPreview> {
    const meters = await this.places.snapRule(at);
    const stop = meters === null ? undefined : await this.places.nearest(at, meters, 'stop');
    if (stop) {
      return {
        position: stop.place.position,
        name: stop.place.name,
        snapped: true,
        stop: stop.place,
        distanceMeters: Math.round(stop.distanceMeters),
      };
    }
    return {
      position: at,
      name: (await this.reverse(at)).name,
      snapped: false,
      stop: null,
      distanceMeters: null,
    };
  }

  /** Every place of a territory, active first (retired ones are kept for history). */
  async list(territoryId: string): Promise<PlaceView[]> {
    const places = await this.places.listOfTerritory(territoryId);
    if (!places) throw notFound('territory');
    return places;
  }

  async create(member: AuthMember, territoryId: string, dto: CreatePlaceDto): Promise<PlaceView> {
    return this.write(member, territoryId, async (manager) => {
      await this.checkInside(manager, territoryId, dto.position);
      return this.places.insert(manager, {
        territoryId,
        name: dto.name.trim(),
        kind: dto.kind,
        position: dto.position,
        createdBy: member.id,
      });
    });
  }

  /** Rename, move or change the kind of an active place. */
  async update(
    member: AuthMember,
    territoryId: string,
    placeId: string,
    dto: UpdatePlaceDto,
  ): Promise<PlaceView> {
    return this.write(member, territoryId, async (manager) => {
      const place = await this.places.lockedInTerritory(manager, territoryId, placeId);
      if (!place) throw notFound('place');
      if (place.retiredAt) throw new AppError('CONFLICT', 'a retired place cannot be changed', 'placeId');
      if (dto.position) await this.checkInside(manager, territoryId, dto.position);
      return this.places.update(manager, placeId, { ...dto, name: dto.name?.trim() }, member.id);
    });
  }

  /** Retires a place: no longer found, named by or snapped to, but kept for history. */
  async retire(member: AuthMember, territoryId: string, placeId: string): Promise<PlaceView> {
    return this.write(member, territoryId, async (manager) => {
      if (!(await this.places.lockedInTerritory(manager, territoryId, placeId))) throw notFound('place');
      return this.places.retire(manager, placeId, member.id);
    });
  }

  /** Runs a change in one transaction after the scope check; a duplicate active name is a 409. */
  private async write(
    member: AuthMember,
    territoryId: string,
    work: (manager: EntityManager) => Promise<PlaceView>,
  ): Promise<PlaceView> {
    try {
      return await this.places.transaction(async (manager) => {
        const access = await this.places.territoryAccess(manager, territoryId, member);
        if (access === 'missing') throw notFound('territory');
        if (access === 'not-managed')
          throw new AppError('FORBIDDEN', 'only coordinators of this territory or one containing it');
        return work(manager);
      });
    } catch (error) {
      const { code, constraint } = error as { code?: string; constraint?: string };
      if (code === '23505' && constraint === ONE_ACTIVE_NAME)
        throw new AppError('CONFLICT', 'an active place of this territory already has this name', 'name');
      throw error;
    }
  }

  private async checkInside(manager: EntityManager, territoryId: string, at: LngLat): Promise<void> {
    if (!(await this.places.covers(manager, territoryId, at)))
      throw new AppError('VALIDATION_FAILED', 'position must lie inside the territory', 'position');
  }
}
