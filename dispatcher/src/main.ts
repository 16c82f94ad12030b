import 'reflect-metadata';
import { loadDispatcherConfig } from './dispatcher-config.js';
import { startDispatcher } from './dispatcher.js';

const dispatcher = await startDispatcher(loadDispatcherConfig());
console.log('dispatcher: matching worker ready');

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
