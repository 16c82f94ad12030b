import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { AppError } from '../common/app-error.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What a valid token says: who, and until when. Never what they may do: that is the database's. */
export interface TokenClaims {
  memberId: string;
  /** When the token expires, in milliseconds since the epoch. */
  expiresAtMs: number;
}

/** Signs and checks login tokens (HS256 JWT: `sub` = member id, `exp`). */
@Injectable()
export class TokenService {
  constructor(@Inject(JwtService) private readonly jwt: JwtService) {}

  sign(member: { id: string }): Promise<string> {
    return this.jwt.signAsync({ sub: member.id });
  }

  async verify(token: string | undefined): Promise<TokenClaims> {
    if (!token) throw new AppError('UNAUTHENTICATED', 'a bearer token is required');
    try {
      const claims = await this.jwt.verifyAsync<{ sub?: unknown; exp?: unknown }>(token, {
        algorithms: ['HS256'],
      });
      if (typeof claims.sub !== 'string' || !UUID.test(claims.sub) || typeof claims.exp !== 'number')
        throw new Error('bad claims');
      return { memberId: claims.sub, expiresAtMs: claims.exp * 1000 };
    } catch {
      throw new AppError('UNAUTHENTICATED', 'the token is invalid or expired');
    }
  }
}
