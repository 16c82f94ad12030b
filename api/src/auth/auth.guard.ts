import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Role } from '@navette/contracts';
import type { Request } from 'express';
import { AppError } from '../common/app-error.js';
import type { AuthMember } from './auth-member.js';
import { IS_PUBLIC, ROLES } from './auth.decorators.js';
import { AuthenticationService, SUSPENDED_MESSAGE } from './authentication.service.js';

/**
 * Every HTTP route needs a valid bearer token of a member who still exists, unless marked
 * `@Public()`; `@Roles()` narrows it by the member's role in the database. A suspended member
 * keeps the routes every member has (reading their rides, their decisions, appealing) with a
 * rider's powers, and no `@Roles()` route.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(AuthenticationService) private readonly authentication: AuthenticationService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const request = context.switchToHttp().getRequest<Request & { member?: AuthMember }>();
    const header = request.headers.authorization;
    const token = header?.startsWith('Bearer ') ? header.slice('Bearer '.length) : undefined;
    const { member } = await this.authentication.authenticate(token);
    const allowed = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, targets);
    if (allowed && member.suspended) throw new AppError('FORBIDDEN', SUSPENDED_MESSAGE);
    if (allowed && member.role !== 'admin' && !allowed.includes(member.role)) {
      throw new AppError('FORBIDDEN', `this action is for ${allowed.join(' or ')} members`);
    }
    request.member = { id: member.id, role: member.suspended ? 'rider' : member.role };
    return true;
  }
}
