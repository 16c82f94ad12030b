import { Inject, Injectable } from '@nestjs/common';
import type { RegisterRequest, RegistrationView, RequestDecision } from '@navette/contracts';
import bcrypt from 'bcryptjs';
import type { AuthMember } from '../auth/auth-member.js';
import { AppError, notFound } from '../common/app-error.js';
import { RateLimitsService } from '../rate-limits/rate-limits.service.js';
import { PASSWORD_HASH_ROUNDS } from './invitations.service.js';
import { MembershipLinkRepository } from './membership-link.repository.js';
import { assertStrongPassword } from './password-strength.js';
import { RegistrationRepository } from './registration.repository.js';

/**
 * Open registration: a territory's coordinators open it; anyone may then ask to join, and a
 * coordinator of the territory (or one containing it) approves — the member is a rider there — or
 * refuses with a reason. Asking always gets the same answer, whatever the email or the territory.
 */
@Injectable()
export class RegistrationsService {
  constructor(
    @Inject(RegistrationRepository) private readonly registrations: RegistrationRepository,
    @Inject(MembershipLinkRepository) private readonly links: MembershipLinkRepository,
    @Inject(RateLimitsService) private readonly limits: RateLimitsService,
  ) {}

  async isOpen(caller: AuthMember, territoryId: string): Promise<{ open: boolean }> {
    if (!(await this.links.manages(territoryId, caller.id, caller.role === 'admin')))
      throw notFound('territory');
    return { open: await this.registrations.isOpen(territoryId) };
  }

  async setOpen(caller: AuthMember, territoryId: string, open: boolean): Promise<{ open: boolean }> {
    if (!(await this.links.manages(territoryId, caller.id, caller.role === 'admin')))
      throw notFound('territory');
    await this.registrations.setOpen(territoryId, open);
    return { open };
  }

  /** Hashes the password in every case, so an unknown email or a closed territory answers as fast. */
  async register(request: RegisterRequest, address: string): Promise<{ status: 'pending' }> {
    await this.limits.consume('membership-link', `use|${address}`);
    const email = request.email.toLowerCase();
    assertStrongPassword('password', request.password, [email, request.displayName]);
    const passwordHash = await bcrypt.hash(request.password, PASSWORD_HASH_ROUNDS);
    await this.registrations.request({
      territoryId: request.territoryId,
      email,
      displayName: request.displayName.trim(),
      passwordHash,
    });
    return { status: 'pending' };
  }

  async pending(caller: AuthMember, territoryId: string): Promise<RegistrationView[]> {
    const list = await this.registrations.pending(territoryId, caller.id, caller.role === 'admin');
    if (!list) throw notFound('territory');
    return list;
  }

  async decide(caller: AuthMember, id: string, decision: RequestDecision): Promise<RegistrationView> {
    const territoryId = await this.registrations.territoryOf(id);
    if (!territoryId || !(await this.links.manages(territoryId, caller.id, caller.role === 'admin')))
      throw notFound('registration request');
    if (!decision.approve && !decision.reason?.trim())
      throw new AppError('VALIDATION_FAILED', 'reason is required to refuse', 'reason');
    return this.registrations.transaction(async (tx) => {
      const request = await this.registrations.lockPending(tx, id);
      if (!request) throw new AppError('CONFLICT', 'this request was already decided');
      let memberId: string | null = null;
      if (decision.approve) {
        memberId =
          (await this.links.createRider(tx, {
            email: request.email,
            displayName: request.display_name,
            passwordHash: request.password_hash,
            territoryId: request.territory_id,
          })) ?? null;
        if (!memberId)
          throw new AppError('CONFLICT', 'this email became a member meanwhile; refuse the request');
      }
      return this.registrations.decide(tx, {
        id,
        status: decision.approve ? 'approved' : 'refused',
        memberId,
        decidedBy: caller.id,
        reason: decision.reason?.trim() || null,
      });
    });
  }
}
