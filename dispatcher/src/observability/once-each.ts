import type { Logger } from 'pino';
/**
 * An `error` listener that logs each distinct message once per emitter (a Redis outage makes a
 * connection emit the same error on every reconnection attempt), as a warning: BullMQ and ioredis
 * reconnect by themselves.
 */
export function onceEach(log: Logger, source: string): (error: Error) => void {
  const seen = new Set<string>();
  return (error) => {
    if (seen.has(error.message)) return;
    seen.add(error.message);
    log.warn({ err: error, source }, `${source}: ${error.message}`);
  };
}
