import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { DispatchModule } from '../dispatch/dispatch.module.js';
import { RebalancingModule } from '../rebalancing/rebalancing.module.js';
import { RidesModule } from '../rides/rides.module.js';
import { ShiftsModule } from '../shifts/shifts.module.js';
import { TerritoriesModule } from '../territories/territories.module.js';
import { DriverConnectionRepository } from './driver-connection.repository.js';
import { DriverPresenceService } from './driver-presence.service.js';
import { OutboundEventsSubscriber } from './outbound-events.subscriber.js';
import { RealtimeGateway } from './realtime.gateway.js';
import { SocketSessionsService } from './socket-sessions.service.js';
import { WaitingSpotPushService } from './waiting-spot-push.service.js';

@Module({
  imports: [AuthModule, DispatchModule, RebalancingModule, RidesModule, ShiftsModule, TerritoriesModule],
  providers: [
    RealtimeGateway,
    OutboundEventsSubscriber,
    SocketSessionsService,
    DriverPresenceService,
    DriverConnectionRepository,
    WaitingSpotPushService,
  ],
})
export class RealtimeModule {}
