import 'reflect-metadata';
import { loadDispatcherConfig } from './dispatcher-config.js';
import { startDispatcher } from './dispatcher.js';
import { startHeartbeat } from './heartbeat.js';
import { createDispatcherLogger } from './observability/dispatcher-logger.js';

// LOG_LEVEL: pino's levels (`debug` adds each zone batch's start).
const log = createDispatcherLogger(undefined, process.env.LOG_LEVEL || 'info');
process.on('unhandledRejection', (reason) => log.error({ err: reason }, 'unhandled rejection'));
const config = loadDispatcherConfig();
const dispatcher = await startDispatcher(config, log);
if (config.heartbeatFile) startHeartbeat(config.heartbeatFile, 5000, () => dispatcher.worker.isRunning());

let closing = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (closing) return;
    closing = true;
    log.info({ signal }, 'dispatcher stopping');
    dispatcher.close().then(
      () => process.exit(0),
      (error: unknown) => {
        log.error({ err: error }, 'dispatcher did not stop cleanly');
        process.exit(1);
      },
    );
  });
}
