import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { AppError } from '../common/app-error.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What a valid token says: who, and until when. Never what they may do: that is the database's. */
export interface TokenClaims {
  memberId: string;
  /** When the token expires, in milliseconds since the epoch. */
  expiresAtMs: number;
  /** The member's session version when it was signed (`sv`; 0 when absent): see `members.session_version`. */
  sessionVersion: number;
}

/** Signs and checks login tokens (HS256 JWT: `sub` = member id, `sv` = session version, `exp`). */
@Injectable()
export class TokenService {
  constructor(@Inject(JwtService) private readonly jwt: JwtService) {}

  /** A token for `member` at their current session version (a password change counts it up). */
  sign(member: { id: string; session_version: number }): Promise<string> {
    return this.jwt.signAsync({ sub: member.id, sv: member.session_version });
  }

  async verify(token: string | undefined): Promise<TokenClaims> {
    if (!token) throw new AppError('UNAUTHENTICATED', 'a bearer token is required');
    try {
      const claims = await this.jwt.verifyAsync<{ sub?: unknown; exp?: unknown; sv?: unknown }>(token, {
        algorithms: ['HS256'],
      });
      const sessionVersion = claims.sv ?? 0;
      if (
        typeof claims.sub !== 'string' ||
        !UUID.test(claims.sub) ||
        typeof claims.exp !== 'number' ||
        !Number.isSafeInteger(sessionVersion)
      )
        throw new Error('bad claims');
      return {
        memberId: claims.sub,
        expiresAtMs: claims.exp * 1000,
        sessionVersion: sessionVersion as number,
      };
    } catch {
      throw new AppError('UNAUTHENTICATED', 'the token is invalid or expired');
    }
  }
}
