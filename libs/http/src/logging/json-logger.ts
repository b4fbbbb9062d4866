import { type LoggerService } from '@nestjs/common';
import { type LogLevel } from '@retrowalk/config';

const RANK: Record<LogLevel, number> = { error: 0, warn: 1, info: 2, debug: 3 };
// Nest's start-up chatter (one line per module and route) is useful when debugging, noise otherwise.
const FRAMEWORK_CONTEXTS = new Set(['InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'NestFactory']);
const EMAIL = /[^\s@<>"'(),;:]+@[^\s@<>"'(),;:]+\.[^\s@<>"'(),;:]+/g;

/** Email addresses never reach the logs, whoever wrote the message. */
export function redact(text: string): string {
  return text.replace(EMAIL, '[email]');
}

/**
 * One JSON object per line on stdout, as log collectors expect. Health data is never passed to a
 * logger in the first place (jobs and log lines carry ids); emails are redacted here as a backstop.
 */
export class JsonLogger implements LoggerService {
  constructor(
    private readonly service: string,
    private readonly level: LogLevel = 'info',
    private readonly write: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
  ) {}

  log(message: unknown, context?: string): void {
    this.emit(context && FRAMEWORK_CONTEXTS.has(context) ? 'debug' : 'info', message, context);
  }

  error(message: unknown, stackOrContext?: string, context?: string): void {
    const hasStack = context !== undefined;
    this.emit('error', message, hasStack ? context : stackOrContext, hasStack ? stackOrContext : undefined);
  }

  warn(message: unknown, context?: string): void {
    this.emit('warn', message, context);
  }

  debug(message: unknown, context?: string): void {
    this.emit('debug', message, context);
  }

  verbose(message: unknown, context?: string): void {
    this.emit('debug', message, context);
  }

  private emit(level: LogLevel, message: unknown, context?: string, stack?: string): void {
    if (RANK[level] > RANK[this.level]) return;
    const text =
      message instanceof Error
        ? message.message
        : typeof message === 'string'
          ? message
          : JSON.stringify(message);
    const entry: Record<string, string> = {
      time: new Date().toISOString(),
      level,
      service: this.service,
      ...(context ? { context } : {}),
      msg: redact(text ?? ''),
    };
    const trace = stack ?? (message instanceof Error ? message.stack : undefined);
    if (trace) entry.stack = redact(trace);
    this.write(JSON.stringify(entry));
  }
}
