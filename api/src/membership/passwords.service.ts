import { Inject, Injectable, Logger } from '@nestjs/common';
import type {
  ChangePasswordRequest,
  LoginResponse,
  MembershipLinkView,
  ResetPasswordRequest,
} from '@navette/contracts';
import bcrypt from 'bcryptjs';
import type { AuthMember } from '../auth/auth-member.js';
import { MemberAccessService } from '../auth/member-access.service.js';
import { TokenService } from '../auth/token.service.js';
import { AppError } from '../common/app-error.js';
import { MemberRepository, toMemberView } from '../members/member.repository.js';
import { RateLimitsService } from '../rate-limits/rate-limits.service.js';
import { LINK_UNUSABLE, PASSWORD_HASH_ROUNDS } from './invitations.service.js';
import { linkTokenSha256, newLinkToken } from './link-token.js';
import { MailerService } from './mailer.service.js';
import { MembershipLinkRepository } from './membership-link.repository.js';
import { assertStrongPassword } from './password-strength.js';

/** How long a password-reset link stays usable, in seconds: 24 hours. */
export const RESET_TTL_SECONDS = 24 * 3600;

const logger = new Logger('Passwords');

/** The account page's reset form, the token in the fragment: it reaches no server log and no Referer. */
const resetPath = (token: string) => `/account/#reset/${token}`;

/** A member changes their password; a coordinator issues a reset link; the link sets a new one, once. */
@Injectable()
export class PasswordsService {
  constructor(
    @Inject(MembershipLinkRepository) private readonly links: MembershipLinkRepository,
    @Inject(RateLimitsService) private readonly limits: RateLimitsService,
    @Inject(MemberRepository) private readonly members: MemberRepository,
    @Inject(MailerService) private readonly mailer: MailerService,
    @Inject(MemberAccessService) private readonly access: MemberAccessService,
    @Inject(TokenService) private readonly tokens: TokenService,
  ) {}

  /**
   * The current password is asked: a stolen token alone cannot lock the member out. Every other
   * session ends (their tokens are refused, their sockets closed); the caller gets a new token.
   */
  async change(caller: AuthMember, request: ChangePasswordRequest): Promise<LoginResponse> {
    await this.limits.consume('membership-link', `change|${caller.id}`);
    const identity = await this.links.identity(caller.id);
    if (!identity) throw new AppError('UNAUTHENTICATED', 'this member no longer exists');
    assertStrongPassword('newPassword', request.newPassword, [identity.email, identity.display_name]);
    const hash = await bcrypt.hash(request.newPassword, PASSWORD_HASH_ROUNDS);
    await this.links.transaction(async (tx) => {
      const current = await this.links.lockPassword(tx, caller.id);
      if (!current) throw new AppError('UNAUTHENTICATED', 'this member no longer exists');
      if (!(await bcrypt.compare(request.currentPassword, current)))
        throw new AppError('FORBIDDEN', 'the current password is wrong', 'currentPassword');
      await this.links.setPassword(tx, caller.id, hash);
    });
    this.access.changed(caller.id);
    const member = await this.members.findById(caller.id);
    if (!member) throw new AppError('UNAUTHENTICATED', 'this member no longer exists');
    return { token: await this.tokens.sign(member), member: toMemberView(member) };
  }

  /** A coordinator of the member's territory (or an ancestor's), or an admin, issues a reset link. */
  async issueReset(caller: AuthMember, memberId: string, territoryId: string): Promise<MembershipLinkView> {
    await this.limits.consume('membership-link', `issue|${caller.id}`);
    if (!(await this.links.managesMember(territoryId, caller.id, caller.role === 'admin', memberId)))
      throw new AppError('NOT_FOUND', 'no such member in a territory you coordinate');
    const { token, sha256 } = newLinkToken();
    const expiresAt = await this.links.create({
      kind: 'password-reset',
      sha256,
      createdBy: caller.id,
      territoryId,
      memberId,
      vouch: false,
      ttlSeconds: RESET_TTL_SECONDS,
    });
    return { token, path: resetPath(token), expiresAt: expiresAt.toISOString() };
  }

  /**
   * A member asks for a reset link by email (only when `SMTP_URL` is set). The answer is the same,
   * and comes before any lookup, whether the email is a member's or not, and whether mail is
   * configured; the link, if any, is made and mailed after answering.
   */
  async requestReset(email: string, address: string): Promise<{ status: 'pending' }> {
    await this.limits.consume('membership-link', `use|${address}`);
    await this.limits.consume('membership-link', `mail|${email.toLowerCase()}`);
    if (this.mailer.enabled)
      void this.mailReset(email).catch((error: unknown) =>
        logger.warn(`reset mail not made: ${(error as Error).message}`),
      );
    return { status: 'pending' };
  }

  private async mailReset(email: string): Promise<void> {
    const member = await this.members.findByEmail(email);
    if (!member) return;
    const { token, sha256 } = newLinkToken();
    await this.links.create({
      kind: 'password-reset',
      sha256,
      createdBy: member.id,
      territoryId: member.home_territory_id,
      memberId: member.id,
      vouch: false,
      ttlSeconds: RESET_TTL_SECONDS,
    });
    await this.mailer.send(
      member.email,
      'Navette: choose a new password / choisir un nouveau mot de passe',
      `${this.mailer.link(resetPath(token))}\n\nThis link works once, for 24 hours. Ce lien sert une fois, pendant 24 heures.\n`,
    );
  }

  /** Sets the new password with a reset link, once; every unusable link gets the same answer. */
  async reset(request: ResetPasswordRequest, address: string): Promise<void> {
    await this.limits.consume('membership-link', `use|${address}`);
    const hash = await bcrypt.hash(request.password, PASSWORD_HASH_ROUNDS);
    const memberId = await this.links.transaction(async (tx) => {
      const link = await this.links.lockLive(tx, 'password-reset', linkTokenSha256(request.token));
      const current = link && (await this.links.lockPassword(tx, link.member_id!));
      if (!link || !current) throw new AppError('NOT_FOUND', LINK_UNUSABLE, 'token');
      const identity = await this.links.identity(link.member_id!);
      assertStrongPassword(
        'password',
        request.password,
        identity ? [identity.email, identity.display_name] : [],
      );
      await this.links.setPassword(tx, link.member_id!, hash);
      await this.links.markUsed(tx, link.id, link.member_id!);
      return link.member_id!;
    });
    // Whoever held the account before the reset is signed out everywhere.
    this.access.changed(memberId);
  }
}
