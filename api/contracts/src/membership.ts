/** Invitations, joining, passwords and role changes (ADR 0021). */

/**
 * `POST /api/invitations`: a coordinator invites into a territory they manage; a member invites into
 * their home territory and vouches for whoever joins with the link.
 */
export interface CreateInvitationRequest {
  /** Required of coordinators and admins; a member's invitation is always to their home territory. */
  territoryId?: string;
}

/** A single-use link, shown once: only a hash of its token is stored. */
export interface MembershipLinkView {
  /** The secret to hand over (in the link's fragment: `/join#<token>` or `/reset#<token>`). */
  token: string;
  /** Path of the page that takes it, token included. */
  path: string;
  /** ISO 8601. */
  expiresAt: string;
}

/** `POST /api/auth/join`: the invitee takes the invitation. */
export interface JoinRequest {
  token: string;
  email: string;
  displayName: string;
  password: string;
}

/** `POST /api/auth/reset`: the member sets a new password with the link a coordinator issued. */
export interface ResetPasswordRequest {
  token: string;
  password: string;
}

/** `POST /api/me/password`. */
export interface ChangePasswordRequest {
  currentPassword: string;
  newPassword: string;
}

/** The roles a coordinator grants and withdraws within their territories. */
export type GrantedRole = 'driver' | 'coordinator';

/** `POST /api/members/:id/roles` (grant) and `DELETE …/roles` (withdraw): always with a reason. */
export interface RoleChangeRequest {
  role: GrantedRole;
  /** The territory in whose name it is done: the member's home territory or one containing it. */
  territoryId: string;
  /** Recorded in the audit log (moderation decisions), shown to the member. */
  reason: string;
}
