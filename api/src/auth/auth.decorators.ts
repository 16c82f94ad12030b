import { SetMetadata, applyDecorators, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { ApiForbiddenResponse, ApiSecurity } from '@nestjs/swagger';
import type { Role } from '@navette/contracts';
import type { AuthMember } from './auth-member.js';

export const IS_PUBLIC = 'navette:isPublic';
export const ROLES = 'navette:roles';

/** A route anyone may call without a token (documented with no security requirement). */
export const Public = () => applyDecorators(SetMetadata(IS_PUBLIC, true), ApiSecurity({}));
/** A route only these roles may call (admins always may); documented with its 403. */
export const Roles = (...roles: Role[]) =>
  applyDecorators(
    SetMetadata(ROLES, roles),
    ApiForbiddenResponse({
      description: `FORBIDDEN: for ${[...roles, 'admin'].join(', ')} members only, and not while suspended`,
    }),
  );

/** The authenticated caller. */
export const CurrentMember = createParamDecorator(
  (_data: unknown, context: ExecutionContext): AuthMember =>
    context.switchToHttp().getRequest<{ member: AuthMember }>().member,
);
