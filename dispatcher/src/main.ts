import 'reflect-metadata';
import { loadDispatcherConfig } from './dispatcher-config.js';
import { startDispatcher } from './dispatcher.js';
import { startHeartbeat } from './heartbeat.js';

const config = loadDispatcherConfig();
const dispatcher = await startDispatcher(config);
console.log('dispatcher: matching worker ready');
if (config.heartbeatFile) startHeartbeat(config.heartbeatFile, 5000, () => dispatcher.worker.isRunning());

let closing = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (closing) return;
    closing = true;
    dispatcher.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}
