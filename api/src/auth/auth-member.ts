import type { Role } from '@navette/contracts';

/** Who is calling, as the token says. */
export interface AuthMember {
  id: string;
  role: Role;
}
