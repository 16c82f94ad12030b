import { Inject, Injectable } from '@nestjs/common';
import { AppError } from '../common/app-error.js';
import type { MemberAccess } from './auth-member.js';
import { MemberAccessService } from './member-access.service.js';
import { TokenService } from './token.service.js';

/** A caller: the member their token names, as the database says now, and when the token expires. */
export interface Session {
  member: MemberAccess;
  /** Milliseconds since the epoch. */
  expiresAtMs: number;
}

/** Turns a bearer token into a session: a valid signature, an unexpired token and a member who exists. */
@Injectable()
export class AuthenticationService {
  constructor(
    @Inject(TokenService) private readonly tokens: TokenService,
    @Inject(MemberAccessService) private readonly access: MemberAccessService,
  ) {}

  async authenticate(token: string | undefined): Promise<Session> {
    const { memberId, expiresAtMs, sessionVersion } = await this.tokens.verify(token);
    const member = await this.access.current(memberId);
    if (!member) throw new AppError('UNAUTHENTICATED', 'this member no longer exists');
    if (member.sessionVersion !== sessionVersion)
      throw new AppError('UNAUTHENTICATED', 'this session ended: the password was changed; sign in again');
    return { member, expiresAtMs };
  }
}

/** The message a suspended member gets for anything they may no longer do. */
export const SUSPENDED_MESSAGE = 'your membership is suspended by a coordinator; see GET /api/me/decisions';
