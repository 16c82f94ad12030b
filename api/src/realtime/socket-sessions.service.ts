import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { rooms, type SessionEndReason } from '@navette/contracts';
import type { AuthMember, MemberAccess } from '../auth/auth-member.js';
import { AuthenticationService, SUSPENDED_MESSAGE } from '../auth/authentication.service.js';
import { MEMBER_ACCESS_CACHE_MS, MemberAccessService } from '../auth/member-access.service.js';
import { AppError } from '../common/app-error.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { RateLimitsService } from '../rate-limits/rate-limits.service.js';
import type { NavetteServer, NavetteSocket } from './realtime.gateway.js';

/**
 * How often every socket of this node is checked again by default, in milliseconds (config
 * `socketRecheckMs`): token expiry, and role or standing changed outside the API (SQL) or while
 * this node did not hear of it. Changes made through any API node act at once (here directly, on
 * the others through `member:changed`).
 */
export const SOCKET_RECHECK_MS = MEMBER_ACCESS_CACHE_MS;

const logger = new Logger('SocketSessions');

/** Why a socket of `member` (as it connected) must end, given the member now; undefined if it may go on. */
function endReason(
  { member, sessionVersion }: { member: AuthMember; sessionVersion: number },
  now: MemberAccess | undefined,
): SessionEndReason | undefined {
  if (!now) return 'removed';
  if (now.suspended) return 'suspended';
  if (now.sessionVersion !== sessionVersion) return 'password-changed';
  if (now.role !== member.role) return 'role-changed';
  return undefined;
}

/**
 * A socket is a session: authenticated at the handshake (a valid token of a member who exists and
 * is not suspended), checked again before every command (the member's role and standing from the
 * database, the command within its limits), and ended when its token expires, when the member is
 * suspended or removed, when their role changes (their rooms were chosen by it), or when their
 * password changes (ADR 0026).
 */
@Injectable()
export class SocketSessionsService implements OnApplicationShutdown {
  private server?: NavetteServer;
  private timer?: NodeJS.Timeout;

  constructor(
    @Inject(AuthenticationService) private readonly authentication: AuthenticationService,
    @Inject(MemberAccessService) private readonly access: MemberAccessService,
    @Inject(RateLimitsService) private readonly limits: RateLimitsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Authenticates every handshake on `server` and watches its sockets from now on. */
  attach(server: NavetteServer): void {
    this.server = server;
    server.use((socket, next) => {
      const token: unknown = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
      this.authentication
        .authenticate(typeof token === 'string' ? token : undefined)
        .then(({ member, expiresAtMs }) => {
          if (member.suspended) throw new AppError('FORBIDDEN', SUSPENDED_MESSAGE);
          (socket as NavetteSocket).data = {
            member: { id: member.id, role: member.role },
            expiresAtMs,
            sessionVersion: member.sessionVersion,
          };
          next();
        })
        .catch((error: unknown) =>
          next(new Error(error instanceof AppError ? error.message : 'unauthenticated')),
        );
    });
    this.access.onChange((memberId) => {
      void this.recheck(this.socketsOf(memberId));
      // The other API nodes hold this member's other sockets and a cached access that still lets
      // an old token in: each reads the member afresh and ends its own sockets that no longer hold.
      server.serverSideEmit('member:changed', memberId);
    });
    server.on('member:changed', (memberId) => void this.recheck(this.socketsOf(memberId), [memberId]));
    this.timer = setInterval(
      () => void this.recheck([...server.of('/').sockets.values()] as NavetteSocket[]),
      this.config.socketRecheckMs || SOCKET_RECHECK_MS,
    );
    this.timer.unref();
  }

  /**
   * Before a command: the socket's session still holds and the command is within the socket's and
   * the member's allowance. Returns the member (role as the database says now).
   */
  async admit(socket: NavetteSocket): Promise<AuthMember> {
    const { member, expiresAtMs } = socket.data;
    const reason =
      expiresAtMs <= Date.now() ? 'expired' : endReason(socket.data, await this.access.current(member.id));
    if (reason) {
      this.end(socket, reason);
      throw new AppError('UNAUTHENTICATED', `this session ended: ${reason}`);
    }
    await this.limits.consume('socket-command', socket.id);
    await this.limits.consume('member-command', member.id);
    return member;
  }

  private socketsOf(memberId: string): NavetteSocket[] {
    const namespace = this.server?.of('/');
    const ids = namespace?.adapter.rooms.get(rooms.member(memberId)) ?? new Set<string>();
    return [...ids].flatMap((id) => (namespace?.sockets.get(id) as NavetteSocket | undefined) ?? []);
  }

  /**
   * Reads the members of these sockets (and `alsoRead`) afresh, in one query that also refreshes
   * the cache, and ends the sessions that no longer hold.
   */
  private async recheck(sockets: NavetteSocket[], alsoRead: string[] = []): Promise<void> {
    const memberIds = [...new Set([...alsoRead, ...sockets.map((s) => s.data.member.id)])];
    if (memberIds.length === 0) return;
    try {
      const now = await this.access.read(memberIds);
      for (const socket of sockets) {
        const { member, expiresAtMs } = socket.data;
        const reason = expiresAtMs <= Date.now() ? 'expired' : endReason(socket.data, now.get(member.id));
        if (reason) this.end(socket, reason);
      }
    } catch (error) {
      // The database is away: sockets keep going until the next check; commands still check.
      logger.warn(`sockets not rechecked: ${(error as Error).message}`);
    }
  }

  private end(socket: NavetteSocket, reason: SessionEndReason): void {
    socket.emit('session:ended', { reason });
    socket.disconnect(true);
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }
}
