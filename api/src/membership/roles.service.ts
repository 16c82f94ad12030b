import { Inject, Injectable } from '@nestjs/common';
import type { MemberView, RoleChangeRequest } from '@navette/contracts';
import type { AuthMember } from '../auth/auth-member.js';
import { MemberAccessService } from '../auth/member-access.service.js';
import { AppError, notFound } from '../common/app-error.js';
import { MemberRepository, toMemberView } from '../members/member.repository.js';
import { MembershipLinkRepository } from './membership-link.repository.js';
import { RoleRepository } from './role.repository.js';

/** Most members `GET /api/territories/:id/members` lists. */
export const MEMBERS_LISTED = 500;

/**
 * Coordinators grant and withdraw the driver and coordinator roles of members whose home territory
 * lies in a territory they coordinate (or its ancestors'); admins everywhere. Admins' roles are not
 * touched here. Each change is one audit-log row with its reason, and the member's cached access
 * is forgotten at once (their sockets are re-checked: `MemberAccessService.changed`).
 */
@Injectable()
export class RolesService {
  constructor(
    @Inject(RoleRepository) private readonly roles: RoleRepository,
    @Inject(MembershipLinkRepository) private readonly scope: MembershipLinkRepository,
    @Inject(MemberRepository) private readonly members: MemberRepository,
    @Inject(MemberAccessService) private readonly access: MemberAccessService,
  ) {}

  /** The members of a territory the caller manages (home there or below), by name, for role changes. */
  async membersOf(caller: AuthMember, territoryId: string): Promise<MemberView[]> {
    const admin = caller.role === 'admin';
    if (!(await this.scope.manages(territoryId, caller.id, admin))) throw notFound('territory');
    const rows = await this.members.ofManagedTerritory(territoryId, caller.id, admin, MEMBERS_LISTED);
    return rows.map(toMemberView);
  }

  async grant(caller: AuthMember, memberId: string, change: RoleChangeRequest): Promise<MemberView> {
    await this.assertScope(caller, memberId, change.territoryId);
    await this.roles.transaction(async (tx) => {
      const role = await this.roles.lockRole(tx, memberId);
      if (!role) throw new AppError('NOT_FOUND', 'member not found');
      if (role === 'admin') throw new AppError('CONFLICT', 'an admin already holds every role');
      if (change.role === 'driver') {
        if (role !== 'rider') throw new AppError('CONFLICT', `the member is already a ${role}`);
        await this.roles.setRole(tx, memberId, 'driver');
      } else {
        if (!(await this.roles.addCoordination(tx, memberId, change.territoryId)))
          throw new AppError('CONFLICT', 'the member already coordinates this territory');
        await this.roles.setRole(tx, memberId, 'coordinator');
      }
      await this.roles.record(tx, { ...this.decision(caller, memberId, change), decision: 'grant-role' });
    });
    return this.changed(memberId);
  }

  async withdraw(caller: AuthMember, memberId: string, change: RoleChangeRequest): Promise<MemberView> {
    if (memberId === caller.id)
      throw new AppError('FORBIDDEN', 'ask another coordinator to withdraw your role');
    await this.assertScope(caller, memberId, change.territoryId);
    await this.roles.transaction(async (tx) => {
      const role = await this.roles.lockRole(tx, memberId);
      if (!role) throw new AppError('NOT_FOUND', 'member not found');
      if (role === 'admin') throw new AppError('FORBIDDEN', 'an admin role is not withdrawn here');
      if (change.role === 'driver') {
        if (role !== 'driver') throw new AppError('CONFLICT', 'the member is not a driver');
        if (await this.roles.onShift(tx, memberId))
          throw new AppError(
            'CONFLICT',
            'the driver is on shift; end or wait for the end of the shift first',
          );
        await this.roles.setRole(tx, memberId, 'rider');
      } else {
        const left = await this.roles.removeCoordination(tx, memberId, change.territoryId);
        if (left < 0) throw new AppError('CONFLICT', 'the member does not coordinate this territory');
        if (left === 0)
          await this.roles.setRole(
            tx,
            memberId,
            (await this.roles.hasVehicle(tx, memberId)) ? 'driver' : 'rider',
          );
      }
      await this.roles.record(tx, { ...this.decision(caller, memberId, change), decision: 'withdraw-role' });
    });
    return this.changed(memberId);
  }

  private decision(caller: AuthMember, memberId: string, change: RoleChangeRequest) {
    return {
      subjectId: memberId,
      decidedBy: caller.id,
      role: change.role,
      territoryId: change.territoryId,
      reason: change.reason.trim(),
    };
  }

  /** Not found when out of scope: a coordinator learns nothing of members elsewhere. */
  private async assertScope(caller: AuthMember, memberId: string, territoryId: string): Promise<void> {
    if (!(await this.scope.managesMember(territoryId, caller.id, caller.role === 'admin', memberId)))
      throw new AppError('NOT_FOUND', 'no such member in a territory you coordinate');
  }

  private async changed(memberId: string): Promise<MemberView> {
    this.access.changed(memberId);
    const member = await this.members.findById(memberId);
    if (!member) throw new AppError('NOT_FOUND', 'member not found');
    return toMemberView(member);
  }
}
