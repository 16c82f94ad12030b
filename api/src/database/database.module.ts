import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { createDataSource } from './data-source.js';

/** How long shutting down waits for queries in flight before closing the pool anyway. */
const DRAIN_MS = 2_000;

/** Provides the initialised TypeORM `DataSource` to every repository. */
@Global()
@Module({
  providers: [
    {
      provide: DataSource,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => createDataSource(config.databaseUrl).initialize(),
    },
  ],
  exports: [DataSource],
})
export class DatabaseModule implements OnApplicationShutdown {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /**
   * Lets the queries still running finish before the pool closes. TypeORM's `destroy()` hands
   * every client in use back to the pool at once, queries in flight included; a query started in
   * that moment (a socket's disconnect handler, which socket.io does not await when the server
   * closes) could then be given a client still busy with another. Waits at most `DRAIN_MS`.
   */
  async onApplicationShutdown(): Promise<void> {
    if (!this.dataSource.isInitialized) return;
    const busy = () => (this.dataSource.driver as PostgresDriver).connectedQueryRunners.length > 0;
    for (const started = Date.now(); busy() && Date.now() - started < DRAIN_MS;) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await this.dataSource.destroy();
  }
}
