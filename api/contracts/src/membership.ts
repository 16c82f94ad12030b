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

/**
 * `POST /api/auth/reset-request`: a member asks for a reset link by email. Always 202
 * `{ status: 'pending' }`; a mail goes only to a member's address, and only when the server has
 * `SMTP_URL`.
 */
export interface ResetByEmailRequest {
  email: string;
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

/** `PUT /api/territories/:id/registration`: whether people may ask to join without an invitation. */
export interface RegistrationSettingRequest {
  open: boolean;
}

/**
 * `POST /api/auth/register`: asks to join a territory with open registration. Always answered 202
 * `{ status: 'pending' }`, whether the email is known, the territory open or the request new: a
 * coordinator's approval makes the member, who then logs in with this password.
 */
export interface RegisterRequest {
  territoryId: string;
  email: string;
  displayName: string;
  password: string;
}

/** A request to join, as its territory's coordinators see it. */
export interface RegistrationView {
  id: string;
  territoryId: string;
  email: string;
  displayName: string;
  status: 'pending' | 'approved' | 'refused';
  /** ISO 8601. */
  createdAt: string;
}

/** A coordinator's answer to a request (to join, or to drive); the reason is required to refuse. */
export interface RequestDecision {
  approve: boolean;
  reason?: string;
}

/** One weekly slot a driver offers: day 0 (Monday) to 6, from and to as `HH:MM` (local time). */
export interface AvailabilitySlot {
  day: number;
  from: string;
  to: string;
}

/** `POST /api/me/drive-request`: a rider asks to drive, declaring their vehicle and availability. */
export interface DriveRequestBody {
  label: string;
  seats: number;
  wheelchairPlaces: number;
  cargoUnits: number;
  weeklyAvailability: AvailabilitySlot[];
}

export interface DriveRequestView extends DriveRequestBody {
  id: string;
  memberId: string;
  memberName: string;
  territoryId: string;
  status: 'pending' | 'approved' | 'refused';
  reason: string | null;
  /** ISO 8601. */
  createdAt: string;
}

/** The same answer for every registration or reset request, whether or not the email is known. */
export interface PendingAnswer {
  status: 'pending';
}

/** Whether a territory takes open registrations (pending a coordinator's approval). */
export interface RegistrationSetting {
  open: boolean;
}
