import type { LoggerService } from '@nestjs/common';
import { pino, type Logger } from 'pino';

// One JSON line per event on stdout (the container runtime ships them), with the service's name
// on every line.
export function createLogger(service: string, level: string): Logger {
  return pino({ name: service, level, base: { service }, timestamp: pino.stdTimeFunctions.isoTime });
}

// Nest's own messages (start-up, module errors) through the same pino logger.
export function nestLogger(log: Logger): LoggerService {
  const write =
    (level: 'info' | 'warn' | 'error' | 'debug' | 'trace' | 'fatal') =>
    (message: unknown, ...rest: unknown[]) => {
      const context =
        typeof rest[rest.length - 1] === 'string' ? (rest[rest.length - 1] as string) : undefined;
      log[level]({ context }, message instanceof Error ? message.message : String(message));
    };
  return {
    log: write('info'),
    warn: write('warn'),
    error: write('error'),
    debug: write('debug'),
    verbose: write('trace'),
    fatal: write('fatal'),
  };
}
