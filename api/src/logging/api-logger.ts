import type { LoggerService, LogLevel } from '@nestjs/common';
import { pino, type DestinationStream, type Logger } from 'pino';
import { requestContext } from './request-context.js';

/**
 * The pino level for the Nest log levels a caller asked for: `info` with `log`, else the most
 * verbose of `warn` and `error`; `silent` for none (tests).
 */
export function pinoLevelOf(levels: LogLevel[]): string {
  if (levels.includes('verbose') || levels.includes('debug')) return 'debug';
  if (levels.includes('log')) return 'info';
  if (levels.includes('warn')) return 'warn';
  if (levels.includes('error') || levels.includes('fatal')) return 'error';
  return 'silent';
}

/**
 * The API's log: one JSON object per line (pino) on stdout or `destination`, with `reqId` on every
 * line written while a request is served (`request-log.middleware.ts`).
 */
export function createApiLogger(level: string, destination?: DestinationStream): Logger {
  const options = {
    level,
    base: { service: 'api' },
    timestamp: pino.stdTimeFunctions.isoTime,
    mixin: () => ({ ...requestContext.getStore() }),
  };
  return destination ? pino(options, destination) : pino(options);
}

/** Nest's own logging (start-up, `new Logger(…)` in services) written through pino, as JSON lines. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly pino: Logger) {}

  private write(
    level: 'debug' | 'info' | 'warn' | 'error' | 'fatal',
    message: unknown,
    rest: unknown[],
  ): void {
    // Nest passes the context (the logger's name) last; an error's stack comes before it.
    const context = typeof rest.at(-1) === 'string' ? (rest.at(-1) as string) : undefined;
    const stack = rest.length > 1 && typeof rest[0] === 'string' ? rest[0] : undefined;
    if (message instanceof Error) this.pino[level]({ context, err: message }, message.message);
    else this.pino[level]({ context, ...(stack ? { stack } : {}) }, String(message));
  }

  log(message: unknown, ...rest: unknown[]): void {
    this.write('info', message, rest);
  }
  error(message: unknown, ...rest: unknown[]): void {
    this.write('error', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]): void {
    this.write('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]): void {
    this.write('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]): void {
    this.write('debug', message, rest);
  }
  fatal(message: unknown, ...rest: unknown[]): void {
    this.write('fatal', message, rest);
  }
}
