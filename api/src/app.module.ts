import { Module, type DynamicModule } from '@nestjs/common';
import { AuthModule } from './auth/auth.module.js';
import { CalendarModule } from './calendar/calendar.module.js';
import type { AppConfig } from './config/app-config.js';
import { ConfigModule } from './config/config.module.js';
import { ConsoleModule } from './console/console.module.js';
import { DatabaseModule } from './database/database.module.js';
import { DeliveriesModule } from './tasks/deliveries.module.js';
import { DispatchModule } from './dispatch/dispatch.module.js';
import { ExportsModule } from './exports/exports.module.js';
import { FairnessModule } from './fairness/fairness.module.js';
import { HealthModule } from './health/health.module.js';
import { MembersModule } from './members/members.module.js';
import { MetricsModule } from './metrics/metrics.module.js';
import { MembershipModule } from './membership/membership.module.js';
import { ModerationModule } from './moderation/moderation.module.js';
import { OutcomesModule } from './outcomes/outcomes.module.js';
import { PlacesModule } from './places/places.module.js';
import { PrivacyModule } from './privacy/privacy.module.js';
import { RealtimeModule } from './realtime/realtime.module.js';
import { RateLimitsModule } from './rate-limits/rate-limits.module.js';
import { RedisModule } from './redis/redis.module.js';
import { QueueBoardModule } from './queue-board/queue-board.module.js';
import { ReportsModule } from './reports/reports.module.js';
import { RidesModule } from './rides/rides.module.js';
import { RotaModule } from './rota/rota.module.js';
import { RebalancingModule } from './rebalancing/rebalancing.module.js';
import { ShiftsModule } from './shifts/shifts.module.js';
import { TerritoriesModule } from './territories/territories.module.js';
import { TimeBankModule } from './time-bank/time-bank.module.js';

@Module({})
export class AppModule {
  static forConfig(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forConfig(config),
        DatabaseModule,
        RedisModule,
        MetricsModule,
        RateLimitsModule,
        AuthModule,
        HealthModule,
        TerritoriesModule,
        RidesModule,
        DispatchModule,
        ShiftsModule,
        RealtimeModule,
        FairnessModule,
        RotaModule,
        RebalancingModule,
        MembersModule,
        ReportsModule,
        OutcomesModule,
        ModerationModule,
        ExportsModule,
        TimeBankModule,
        PrivacyModule,
        PlacesModule,
        CalendarModule,
        QueueBoardModule,
        MembershipModule,
        ConsoleModule,
        DeliveriesModule,
      ],
    };
  }
}
