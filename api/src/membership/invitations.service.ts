import { Inject, Injectable } from '@nestjs/common';
import type { JoinRequest, LoginResponse, MembershipLinkView } from '@navette/contracts';
import bcrypt from 'bcryptjs';
import type { AuthMember } from '../auth/auth-member.js';
import { TokenService } from '../auth/token.service.js';
import { AppError } from '../common/app-error.js';
import { MemberRepository, toMemberView } from '../members/member.repository.js';
import { RateLimitsService } from '../rate-limits/rate-limits.service.js';
import { linkTokenSha256, newLinkToken } from './link-token.js';
import { MembershipLinkRepository } from './membership-link.repository.js';
import { assertStrongPassword } from './password-strength.js';

/** How long an invitation link stays usable, in seconds: 7 days. */
export const INVITATION_TTL_SECONDS = 7 * 24 * 3600;
/** bcrypt cost of new passwords (the same as the seed's and the erasure's). */
export const PASSWORD_HASH_ROUNDS = 10;

/** The answer to every link that cannot be used: unknown, expired or used alike. */
export const LINK_UNUSABLE = 'this link is unknown, expired or already used; ask for a new one';

/**
 * Invitations: a coordinator invites into a territory they manage; a rider or driver invites into
 * their home territory and their vouch is given to whoever joins. The invitee joins as a rider.
 */
@Injectable()
export class InvitationsService {
  constructor(
    @Inject(MembershipLinkRepository) private readonly links: MembershipLinkRepository,
    @Inject(MemberRepository) private readonly members: MemberRepository,
    @Inject(TokenService) private readonly tokens: TokenService,
    @Inject(RateLimitsService) private readonly limits: RateLimitsService,
  ) {}

  async invite(caller: AuthMember, territoryId: string | undefined): Promise<MembershipLinkView> {
    await this.limits.consume('membership-link', `issue|${caller.id}`);
    const inviter = await this.links.inviter(caller.id);
    if (!inviter) throw new AppError('UNAUTHENTICATED', 'this member no longer exists');
    const manager = caller.role === 'coordinator' || caller.role === 'admin';
    let territory: string;
    if (manager) {
      if (!territoryId) throw new AppError('VALIDATION_FAILED', 'territoryId is required', 'territoryId');
      if (!(await this.links.manages(territoryId, caller.id, caller.role === 'admin')))
        throw new AppError('FORBIDDEN', 'you do not coordinate this territory', 'territoryId');
      territory = territoryId;
    } else {
      if (!inviter.home_territory_id)
        throw new AppError('CONFLICT', 'you belong to no territory yet; a coordinator must place you first');
      if (territoryId && territoryId !== inviter.home_territory_id)
        throw new AppError('FORBIDDEN', 'a member invites into their own territory only', 'territoryId');
      if (inviter.standing === 'restricted' || inviter.standing === 'suspended')
        throw new AppError('FORBIDDEN', 'a restricted member cannot vouch for newcomers');
      territory = inviter.home_territory_id;
    }
    const { token, sha256 } = newLinkToken();
    const expiresAt = await this.links.create({
      kind: 'invitation',
      sha256,
      createdBy: caller.id,
      territoryId: territory,
      memberId: null,
      vouch: !manager,
      ttlSeconds: INVITATION_TTL_SECONDS,
    });
    return { token, path: `/account/#join/${token}`, expiresAt: expiresAt.toISOString() };
  }

  /**
   * Takes the invitation: a new rider in its territory, vouched for by a member inviter, logged in.
   * Every unusable link gets the same answer (LINK_UNUSABLE). The password is hashed before the
   * link is looked up, so a refusal takes as long as a success.
   */
  async join(request: JoinRequest, address: string): Promise<LoginResponse> {
    await this.limits.consume('membership-link', `use|${address}`);
    const email = request.email.toLowerCase();
    assertStrongPassword('password', request.password, [email, request.displayName]);
    const passwordHash = await bcrypt.hash(request.password, PASSWORD_HASH_ROUNDS);
    const memberId = await this.links.transaction(async (tx) => {
      const link = await this.links.lockLive(tx, 'invitation', linkTokenSha256(request.token));
      if (!link) throw new AppError('NOT_FOUND', LINK_UNUSABLE, 'token');
      const id = await this.links.createRider(tx, {
        email,
        displayName: request.displayName.trim(),
        passwordHash,
        territoryId: link.territory_id!,
      });
      // The link stays unused: its holder may join with another address.
      if (!id) throw new AppError('CONFLICT', 'this email cannot join with this link; use another', 'email');
      if (link.vouch) await this.links.vouch(tx, link.created_by, id);
      await this.links.markUsed(tx, link.id, id);
      return id;
    });
    const member = await this.members.findById(memberId);
    if (!member) throw new AppError('INTERNAL', 'the new member vanished');
    return { token: await this.tokens.sign(member), member: toMemberView(member) };
  }
}
