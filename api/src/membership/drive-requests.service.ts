import { Inject, Injectable } from '@nestjs/common';
import type { DriveRequestBody, DriveRequestView, RequestDecision } from '@navette/contracts';
import type { AuthMember } from '../auth/auth-member.js';
import { MemberAccessService } from '../auth/member-access.service.js';
import { AppError, notFound } from '../common/app-error.js';
import { DriveRequestRepository } from './drive-request.repository.js';
import { MembershipLinkRepository } from './membership-link.repository.js';
import { RoleRepository } from './role.repository.js';
import { slotIsOrdered, weeklyHours } from './weekly-hours.js';

/** The reason logged when a coordinator approves without writing one. */
const APPROVED = 'request to drive approved';

/**
 * A rider asks to drive, declaring a vehicle and weekly availability; a coordinator of their
 * territory (or one containing it) approves — the vehicle is added, the declared hours set, the
 * driver role granted (in the audit log, sockets re-checked) — or refuses with a reason.
 */
@Injectable()
export class DriveRequestsService {
  constructor(
    @Inject(DriveRequestRepository) private readonly requests: DriveRequestRepository,
    @Inject(MembershipLinkRepository) private readonly links: MembershipLinkRepository,
    @Inject(RoleRepository) private readonly roles: RoleRepository,
    @Inject(MemberAccessService) private readonly access: MemberAccessService,
  ) {}

  async ask(caller: AuthMember, body: DriveRequestBody): Promise<DriveRequestView> {
    if (caller.role !== 'rider') throw new AppError('CONFLICT', 'only a rider asks to drive');
    const i = body.weeklyAvailability.findIndex((slot) => !slotIsOrdered(slot));
    if (i >= 0)
      throw new AppError(
        'VALIDATION_FAILED',
        'a slot must end after it starts',
        `weeklyAvailability.${i}.to`,
      );
    const member = await this.links.inviter(caller.id);
    if (!member?.home_territory_id)
      throw new AppError('CONFLICT', 'you belong to no territory yet; a coordinator must place you first');
    const created = await this.requests.create(caller.id, member.home_territory_id, body);
    if (!created)
      throw new AppError('CONFLICT', 'your request to drive is already waiting for a coordinator');
    return created;
  }

  mine(caller: AuthMember): Promise<DriveRequestView[]> {
    return this.requests.of(caller.id);
  }

  async pending(caller: AuthMember, territoryId: string): Promise<DriveRequestView[]> {
    const list = await this.requests.pending(territoryId, caller.id, caller.role === 'admin');
    if (!list) throw notFound('territory');
    return list;
  }

  async decide(caller: AuthMember, id: string, decision: RequestDecision): Promise<DriveRequestView> {
    const territoryId = await this.requests.territoryOf(id);
    if (!territoryId || !(await this.links.manages(territoryId, caller.id, caller.role === 'admin')))
      throw notFound('drive request');
    if (!decision.approve && !decision.reason?.trim())
      throw new AppError('VALIDATION_FAILED', 'reason is required to refuse', 'reason');
    const reason = decision.reason?.trim() || APPROVED;
    const memberId = await this.requests.transaction(async (tx) => {
      const request = await this.requests.lockPending(tx, id);
      if (!request) throw new AppError('CONFLICT', 'this request was already decided');
      if (decision.approve) {
        const role = await this.roles.lockRole(tx, request.memberId);
        if (role !== 'rider') throw new AppError('CONFLICT', 'the member is no longer a rider');
        await this.requests.addVehicle(tx, request, weeklyHours(request.weeklyAvailability));
        await this.roles.setRole(tx, request.memberId, 'driver');
        await this.roles.record(tx, {
          subjectId: request.memberId,
          decidedBy: caller.id,
          decision: 'grant-role',
          role: 'driver',
          territoryId: request.territoryId,
          reason,
        });
      }
      await this.requests.decide(tx, {
        id,
        status: decision.approve ? 'approved' : 'refused',
        decidedBy: caller.id,
        reason,
      });
      return request.memberId;
    });
    if (decision.approve) this.access.changed(memberId);
    return this.requests.view(id);
  }
}
