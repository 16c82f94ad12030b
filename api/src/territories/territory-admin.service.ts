import { Inject, Injectable } from '@nestjs/common';
import type { TerritoryDetail, TerritoryLender, TerritoryLevel } from '@navette/contracts';
import type { EntityManager } from 'typeorm';
import type { AuthMember } from '../auth/auth-member.js';
import { AppError, notFound } from '../common/app-error.js';
import { MAX_AREA_POSITIONS, countPositions } from './area-geometry.js';
import type { CreateTerritoryDto } from './dto/create-territory.dto.js';
import type { TerritoryRulesDto } from './dto/territory-rules.dto.js';
import type { UpdateTerritoryDto } from './dto/update-territory.dto.js';
import { TerritoryAdminRepository } from './territory-admin.repository.js';

const rank: Record<TerritoryLevel, number> = { region: 0, town: 1, neighbourhood: 2 };

/**
 * Coordinators draw and rule their territories. A coordinator may add territories inside one they
 * coordinate (or one nested in it), and change those; admins may do anything, including regions.
 * Every check runs before anything is written, in the transaction that writes.
 */
@Injectable()
export class TerritoryAdminService {
  constructor(@Inject(TerritoryAdminRepository) private readonly territories: TerritoryAdminRepository) {}

  async get(id: string): Promise<TerritoryDetail> {
    const territory = await this.territories.detail(id);
    if (!territory) throw notFound('territory');
    return territory;
  }

  async create(member: AuthMember, dto: CreateTerritoryDto): Promise<TerritoryDetail> {
    const { properties: p } = dto;
    checkRules(p);
    const geometry = this.checkSize(dto.geometry);
    const id = await this.territories.transaction(async (manager) => {
      const parentId = p.parentId ?? null;
      if (parentId === null) {
        if (member.role !== 'admin')
          throw new AppError(
            'FORBIDDEN',
            'only admins add top-level territories; give properties.parentId',
            'properties.parentId',
          );
      } else {
        const parent = await this.territories.managed(manager, parentId, member, 'FOR SHARE');
        if (!parent)
          throw new AppError(
            'NOT_FOUND',
            'properties.parentId: parent territory not found',
            'properties.parentId',
          );
        if (rank[p.level] <= rank[parent.level])
          throw new AppError(
            'VALIDATION_FAILED',
            `properties.level ${p.level} cannot be nested in a ${parent.level}: neighbourhood ⊂ town ⊂ region`,
            'properties.level',
          );
      }
      await this.checkGeometry(manager, geometry, parentId);
      return this.territories.insert(manager, {
        ...p,
        parentId,
        name: p.name.trim(),
        geometry,
      });
    });
    return (await this.territories.detail(id))!;
  }

  async update(member: AuthMember, id: string, dto: UpdateTerritoryDto): Promise<TerritoryDetail> {
    const p = dto.properties ?? {};
    checkRules(p);
    const geometry = dto.geometry === undefined ? undefined : this.checkSize(dto.geometry);
    await this.territories.transaction(async (manager) => {
      const territory = await this.territories.managed(manager, id, member, 'FOR UPDATE');
      if (!territory) throw notFound('territory');
      if (geometry !== undefined) {
        await this.checkGeometry(manager, geometry, territory.parent_id);
        const outside = await this.territories.childrenOutside(manager, id, geometry);
        if (outside.length)
          throw new AppError(
            'VALIDATION_FAILED',
            `geometry no longer covers the nested territories ${outside.join(', ')}`,
            'geometry',
          );
      }
      await this.territories.update(manager, id, { ...p, name: p.name?.trim(), geometry });
    });
    return (await this.territories.detail(id))!;
  }

  async setLending(member: AuthMember, id: string, lenders: TerritoryLender[]): Promise<TerritoryDetail> {
    const seen = new Set<string>();
    lenders.forEach((l, i) => {
      const field = `lenders.${i}.territoryId`;
      if (l.territoryId === id)
        throw new AppError('VALIDATION_FAILED', `${field}: a territory cannot lend to itself`, field);
      if (seen.has(l.territoryId))
        throw new AppError('VALIDATION_FAILED', `${field}: this territory is listed twice`, field);
      seen.add(l.territoryId);
    });
    await this.territories.transaction(async (manager) => {
      if (!(await this.territories.managed(manager, id, member, 'FOR UPDATE'))) throw notFound('territory');
      const ids = lenders.map((l) => l.territoryId);
      const missing = new Set(await this.territories.missing(manager, ids));
      const nested = new Set(await this.territories.nestedWith(manager, id, ids));
      lenders.forEach((l, i) => {
        const field = `lenders.${i}.territoryId`;
        if (missing.has(l.territoryId))
          throw new AppError('VALIDATION_FAILED', `${field}: no territory has this id`, field);
        if (nested.has(l.territoryId))
          throw new AppError(
            'VALIDATION_FAILED',
            `${field}: a territory nested with this one helps through escalation, not lending`,
            field,
          );
      });
      await this.territories.replaceLending(manager, id, lenders);
    });
    return (await this.territories.detail(id))!;
  }

  /** The lender's coordinators agree to lend drivers to a borrower that asked, or withdraw. */
  async setAgreement(
    member: AuthMember,
    lenderId: string,
    borrowerId: string,
    agreed: boolean,
  ): Promise<TerritoryDetail> {
    await this.territories.transaction(async (manager) => {
      if (!(await this.territories.managed(manager, lenderId, member, 'FOR UPDATE')))
        throw notFound('territory');
      if (!(await this.territories.setAgreement(manager, lenderId, borrowerId, agreed ? member.id : null)))
        throw new AppError(
          'NOT_FOUND',
          'this territory has not asked yours to lend it drivers',
          'borrowerId',
        );
    });
    return (await this.territories.detail(lenderId))!;
  }

  /** Oversized geometry is refused before PostGIS parses it. Returns the GeoJSON text to store. */
  private checkSize(geometry: { type: string; coordinates: unknown }): string {
    const positions = countPositions(geometry);
    if (positions > MAX_AREA_POSITIONS)
      throw new AppError(
        'PAYLOAD_TOO_LARGE',
        `geometry has ${positions} positions; at most ${MAX_AREA_POSITIONS} (simplify it first)`,
        'geometry',
      );
    return JSON.stringify({ type: geometry.type, coordinates: geometry.coordinates });
  }

  /** Valid for PostGIS (no self-intersection…), and inside the parent when there is one. */
  private async checkGeometry(
    manager: EntityManager,
    geometry: string,
    parentId: string | null,
  ): Promise<void> {
    const { valid, reason, location } = await this.territories.validity(manager, geometry);
    if (!valid)
      throw new AppError(
        'VALIDATION_FAILED',
        `geometry is not valid: ${reason}`,
        'geometry',
        location ?? undefined,
      );
    if (!parentId) return;
    const { covered, outside } = await this.territories.coveredByParent(manager, parentId, geometry);
    if (!covered)
      throw new AppError(
        'OUT_OF_TERRITORY',
        'geometry must lie inside the parent territory (neighbourhood ⊂ town ⊂ region)',
        'geometry',
        outside ?? undefined,
      );
  }
}

/** Rules that one field's decorators cannot check alone. */
function checkRules(rules: TerritoryRulesDto): void {
  const hours = rules.serviceHours;
  if (hours && hours[0] >= hours[1])
    throw new AppError(
      'VALIDATION_FAILED',
      'properties.serviceHours must be [startMinute, endMinute) with start before end',
      'properties.serviceHours',
    );
}
