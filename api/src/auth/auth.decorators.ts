import { SetMetadata, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Role } from '@navette/contracts';
import type { AuthMember } from './auth-member.js';

export const IS_PUBLIC = 'navette:isPublic';
export const ROLES = 'navette:roles';

/** A route anyone may call without a token. */
export const Public = () => SetMetadata(IS_PUBLIC, true);
/** A route only these roles may call (admins always may). */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES, roles);

/** The authenticated caller. */
export const CurrentMember = createParamDecorator(
  (_data: unknown, context: ExecutionContext): AuthMember =>
    context.switchToHttp().getRequest<{ member: AuthMember }>().member,
);
