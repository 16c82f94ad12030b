import { Inject, Logger } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  SubscribeMessage,
  WebSocketGateway,
  WebSocketServer,
  type OnGatewayConnection,
  type OnGatewayDisconnect,
  type OnGatewayInit,
} from '@nestjs/websockets';
import {
  rooms,
  type Ack,
  type ClientToServerEvents,
  type OfferView,
  type ServerToClientEvents,
  type TripView,
} from '@navette/contracts';
import type { Server, Socket } from 'socket.io';
import type { AuthMember } from '../auth/auth-member.js';
import { toErrorBody, toProblem } from '../common/error.filter.js';
import { AppError } from '../common/app-error.js';
import { OffersService } from '../dispatch/offers.service.js';
import { TripsService } from '../dispatch/trips.service.js';
import { RateLimitsService } from '../rate-limits/rate-limits.service.js';
import { ShiftsService } from '../shifts/shifts.service.js';
import { TerritoryRepository } from '../territories/territory.repository.js';
import { DriverPresenceService } from './driver-presence.service.js';
import { ApiMetricsService } from '../metrics/api-metrics.service.js';
import { parseSocketPayload } from './socket-payloads.js';
import { SocketSessionsService } from './socket-sessions.service.js';
import { WaitingSpotPushService } from './waiting-spot-push.service.js';

/** `member`: as at the handshake (their rooms follow its role); `expiresAtMs`: the token's expiry. */
export type NavetteSocket = Socket<
  ClientToServerEvents,
  ServerToClientEvents,
  Record<string, never>,
  { member: AuthMember; expiresAtMs: number; sessionVersion: number }
>;
/**
 * What API nodes tell each other through socket.io's adapter (`serverSideEmit`, ADR 0032), never
 * seen by clients: `member:changed` — a member's role or standing changed on the sending node.
 */
export interface BetweenNodesEvents {
  'member:changed': (memberId: string) => void;
}
export type NavetteServer = Server<ClientToServerEvents, ServerToClientEvents, BetweenNodesEvents>;

const logger = new Logger('RealtimeGateway');

/** The client → server events the gateway answers; any other gets an `UNKNOWN_EVENT` problem. */
export const CLIENT_EVENTS: ReadonlySet<string> = new Set<keyof ClientToServerEvents>([
  'position:report',
  'offer:accept',
  'offer:decline',
  'trip:mark',
  'offers:resend',
]);

/** Errors on a socket are problems in the language its handshake asked for (`Accept-Language`). */
async function ack<T>(socket: NavetteSocket, work: () => Promise<T>): Promise<Ack<T>> {
  try {
    return { data: await work() };
  } catch (error) {
    const body = toErrorBody(error);
    if (body.statusCode >= 500) logger.error(error instanceof Error ? error.stack : String(error));
    return { error: toProblem(body, socket.handshake.headers['accept-language']) };
  }
}

/**
 * The socket.io gateway: authenticates the handshake, puts each member in their rooms, and turns
 * client commands into service calls. It never decides anything itself.
 */
@WebSocketGateway({ serveClient: false, maxHttpBufferSize: 16 * 1024 })
export class RealtimeGateway implements OnGatewayInit, OnGatewayConnection, OnGatewayDisconnect {
  @WebSocketServer()
  server!: NavetteServer;

  constructor(
    @Inject(SocketSessionsService) private readonly sessions: SocketSessionsService,
    @Inject(TerritoryRepository) private readonly territories: TerritoryRepository,
    @Inject(OffersService) private readonly offers: OffersService,
    @Inject(TripsService) private readonly trips: TripsService,
    @Inject(ShiftsService) private readonly shifts: ShiftsService,
    @Inject(RateLimitsService) private readonly limits: RateLimitsService,
    @Inject(DriverPresenceService) private readonly presence: DriverPresenceService,
    @Inject(ApiMetricsService) private readonly metrics: ApiMetricsService,
    @Inject(WaitingSpotPushService) private readonly waitingSpots: WaitingSpotPushService,
  ) {}

  afterInit(server: NavetteServer): void {
    this.sessions.attach(server);
    this.metrics.observeSockets(server);
  }

  async handleConnection(socket: NavetteSocket): Promise<void> {
    socket.use(([event, ...args], next) => {
      if (CLIENT_EVENTS.has(event)) return next();
      const error = toProblem(
        new AppError('UNKNOWN_EVENT', `${event} is not an event of this server`).toBody(),
        socket.handshake.headers['accept-language'],
      );
      const reply: unknown = args.at(-1);
      if (typeof reply === 'function') (reply as (answer: { error: typeof error }) => void)({ error });
      else socket.emit('command:refused', { event, error });
    });
    const member = socket.data.member;
    const joined = [rooms.member(member.id)];
    if (member.role === 'driver') joined.push(rooms.driver(member.id));
    if (member.role === 'coordinator' || member.role === 'admin') {
      for (const id of await this.territories.coordinatedWithDescendants(member.id))
        joined.push(rooms.territory(id));
    }
    await socket.join(joined);
    if (member.role === 'driver') {
      this.waitingSpots.connected(socket, member.id);
      await this.presence.connected(socket, member.id);
    }
  }

  handleDisconnect(socket: NavetteSocket): Promise<void> {
    this.waitingSpots.disconnected(socket.id);
    return this.presence.disconnected(socket.id);
  }

  /** Every command starts here: the session still holds, the command is within limits, the member drives. */
  private async driver(socket: NavetteSocket): Promise<AuthMember> {
    const member = await this.sessions.admit(socket);
    if (member.role !== 'driver') throw new AppError('FORBIDDEN', 'this action is for drivers');
    return member;
  }

  @SubscribeMessage('position:report')
  position(
    @ConnectedSocket() socket: NavetteSocket,
    @MessageBody() payload: unknown,
  ): Promise<Ack<{ at: string }>> {
    return ack(socket, async () => {
      const driver = await this.driver(socket);
      await this.limits.consume('position', driver.id);
      const reported = await this.shifts.reportPosition(driver.id, parseSocketPayload.position(payload));
      await this.presence.reported(socket.id);
      return reported;
    });
  }

  @SubscribeMessage('offer:accept')
  accept(@ConnectedSocket() socket: NavetteSocket, @MessageBody() payload: unknown): Promise<Ack<TripView>> {
    return ack(socket, async () =>
      this.offers.accept((await this.driver(socket)).id, parseSocketPayload.offerId(payload)),
    );
  }

  @SubscribeMessage('offer:decline')
  decline(
    @ConnectedSocket() socket: NavetteSocket,
    @MessageBody() payload: unknown,
  ): Promise<Ack<{ offerId: string }>> {
    return ack(socket, async () =>
      this.offers.decline((await this.driver(socket)).id, parseSocketPayload.offerId(payload)),
    );
  }

  @SubscribeMessage('trip:mark')
  mark(@ConnectedSocket() socket: NavetteSocket, @MessageBody() payload: unknown): Promise<Ack<TripView>> {
    return ack(socket, async () => {
      const driver = await this.driver(socket);
      const { rideId, mark } = parseSocketPayload.tripMark(payload);
      return this.trips.mark(driver.id, rideId, mark);
    });
  }

  /** After a reconnect: every offer still valid is sent again, once, to this socket only. */
  @SubscribeMessage('offers:resend')
  resend(
    @ConnectedSocket() socket: NavetteSocket,
    @MessageBody() payload: unknown,
  ): Promise<Ack<{ count: number }>> {
    return ack(socket, async () => {
      const driver = await this.driver(socket);
      parseSocketPayload.none(payload);
      const pending: OfferView[] = await this.offers.pendingFor(driver.id);
      for (const offer of pending) socket.emit('offer:received', offer);
      return { count: pending.length };
    });
  }
}
