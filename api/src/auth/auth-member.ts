import type { Role } from '@navette/contracts';

/** Who is calling: the member the token names, with the role the database gives them now. */
export interface AuthMember {
  id: string;
  role: Role;
}

/** A member's access as the database says, read for every request and socket command (cached briefly). */
export interface MemberAccess extends AuthMember {
  /** A coordinator suspended them: they keep reading and appealing, nothing more (see AuthGuard). */
  suspended: boolean;
  /** Counted up at each password change or reset: tokens signed at an older version are refused. */
  sessionVersion: number;
}
