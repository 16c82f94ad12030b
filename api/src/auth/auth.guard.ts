import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Role } from '@navette/contracts';
import type { Request } from 'express';
import { AppError } from '../common/app-error.js';
import type { AuthMember } from './auth-member.js';
import { IS_PUBLIC, ROLES } from './auth.decorators.js';
import { TokenService } from './token.service.js';

/** Every HTTP route needs a valid bearer token unless marked `@Public()`; `@Roles()` narrows it. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(TokenService) private readonly tokens: TokenService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const request = context.switchToHttp().getRequest<Request & { member?: AuthMember }>();
    const header = request.headers.authorization;
    const token = header?.startsWith('Bearer ') ? header.slice('Bearer '.length) : undefined;
    const member = await this.tokens.verify(token);
    const allowed = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, targets);
    if (allowed && member.role !== 'admin' && !allowed.includes(member.role)) {
      throw new AppError('FORBIDDEN', `this action is for ${allowed.join(' or ')} members`);
    }
    request.member = member;
    return true;
  }
}
