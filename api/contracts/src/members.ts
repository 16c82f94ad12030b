/** What a member may do. A member has exactly one role. */
export type Role = 'rider' | 'driver' | 'coordinator' | 'admin';

export interface LoginRequest {
  email: string;
  password: string;
}

export interface MemberView {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  /** The territory the member belongs to, if any. */
  homeTerritoryId: string | null;
  /** Territories this member coordinates (empty unless role is coordinator or admin). */
  coordinatedTerritoryIds: string[];
}

export interface LoginResponse {
  /** A bearer token (JWT) for HTTP `Authorization: Bearer …` and the socket handshake `auth.token`. */
  token: string;
  member: MemberView;
}
