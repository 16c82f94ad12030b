import { Inject, Injectable } from '@nestjs/common';
import type { LoginResponse, MemberView } from '@navette/contracts';
import bcrypt from 'bcryptjs';
import { AppError } from '../common/app-error.js';
import { MemberRepository, toMemberView } from '../members/member.repository.js';
import { RateLimitsService } from '../rate-limits/rate-limits.service.js';
import { TokenService } from './token.service.js';

// Compared against when the email is unknown, so both paths take the same time.
const decoyHash = bcrypt.hashSync('navette-decoy-password', 10);

@Injectable()
export class AuthService {
  constructor(
    @Inject(MemberRepository) private readonly members: MemberRepository,
    @Inject(TokenService) private readonly tokens: TokenService,
    @Inject(RateLimitsService) private readonly limits: RateLimitsService,
  ) {}

  /**
   * Limited per address and email (every attempt), and per address across accounts (failures
   * only: an attempt is counted before the password is checked, so parallel guesses cannot slip
   * through, and given back when it succeeds, so a household or a shared network is not slowed).
   */
  async login(email: string, password: string, address: string): Promise<LoginResponse> {
    await this.limits.consume('login', `${address}|${email.toLowerCase()}`);
    await this.limits.consume('login-address', address);
    const member = await this.members.findByEmail(email);
    const matches = await bcrypt.compare(password, member?.password_hash ?? decoyHash);
    if (!member || !matches) throw new AppError('UNAUTHENTICATED', 'email or password is wrong');
    await this.limits.refund('login-address', address).catch(() => undefined);
    return { token: await this.tokens.sign(member), member: toMemberView(member) };
  }

  async me(memberId: string): Promise<MemberView> {
    const member = await this.members.findById(memberId);
    if (!member) throw new AppError('UNAUTHENTICATED', 'this member no longer exists');
    return toMemberView(member);
  }
}
