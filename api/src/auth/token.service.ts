import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { Role } from '@navette/contracts';
import { AppError } from '../common/app-error.js';
import type { AuthMember } from './auth-member.js';

const roles: readonly Role[] = ['rider', 'driver', 'coordinator', 'admin'];

/** Signs and checks login tokens (HS256 JWT: `sub` = member id, `role`). */
@Injectable()
export class TokenService {
  constructor(@Inject(JwtService) private readonly jwt: JwtService) {}

  sign(member: AuthMember): Promise<string> {
    return this.jwt.signAsync({ sub: member.id, role: member.role });
  }

  async verify(token: string | undefined): Promise<AuthMember> {
    if (!token) throw new AppError('UNAUTHENTICATED', 'a bearer token is required');
    try {
      const claims = await this.jwt.verifyAsync<{ sub?: unknown; role?: unknown }>(token, {
        algorithms: ['HS256'],
      });
      if (typeof claims.sub !== 'string' || !roles.includes(claims.role as Role))
        throw new Error('bad claims');
      return { id: claims.sub, role: claims.role as Role };
    } catch {
      throw new AppError('UNAUTHENTICATED', 'the token is invalid or expired');
    }
  }
}
