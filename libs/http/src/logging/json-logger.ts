import { type LoggerService } from '@nestjs/common';
import { type LogLevel } from '@retrowalk/config';
import { currentRequestScope, traceHooks } from '@retrowalk/observability';
import { toLogValue, type LogValue } from './log-value';
import { redact } from './redact';

export { redact } from './redact';

const RANK: Record<LogLevel, number> = { error: 0, warn: 1, info: 2, debug: 3 };
// Nest's start-up chatter (one line per module and route) is useful when debugging, noise otherwise.
const FRAMEWORK_CONTEXTS = new Set(['InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'NestFactory']);
const STACK_LINE = /\n\s+at /;

interface Parts {
  context?: string;
  stack?: string;
  details: unknown[];
}

/**
 * What Nest and our code pass after the message: a context name last (Nest's `Logger` appends
 * it), for errors a stack or an Error before it, and anything else a caller added.
 */
function partsOf(params: readonly unknown[], isError: boolean): Parts {
  const rest = [...params];
  let context: string | undefined;
  const last = rest[rest.length - 1];
  if (typeof last === 'string' && !(isError && rest.length === 1 && STACK_LINE.test(last))) {
    context = last;
    rest.pop();
  }
  const parts: Parts = { ...(context === undefined ? {} : { context }), details: [] };
  for (const param of rest) {
    if (param === undefined) continue;
    if (isError && parts.stack === undefined && typeof param === 'string') parts.stack = param;
    else if (parts.stack === undefined && param instanceof Error && typeof param.stack === 'string') {
      parts.stack = param.stack;
      parts.details.push(param);
    } else parts.details.push(param);
  }
  return parts;
}

function messageText(message: unknown): string {
  if (typeof message === 'string') return redact(message);
  if (message instanceof Error) return redact(String(message.message));
  return JSON.stringify(toLogValue(message));
}

/**
 * One JSON object per line on stdout, as log collectors expect. Health data is never passed to a
 * logger in the first place (jobs and log lines carry ids); emails are redacted here as a backstop.
 * Whatever it is given (an Error where a context was expected, a BigInt, a cycle), it writes a line
 * and never throws: a failing log call must not turn into a failing request or job.
 */
export class JsonLogger implements LoggerService {
  constructor(
    private readonly service: string,
    private readonly level: LogLevel = 'info',
    private readonly write: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
  ) {}

  log(message: unknown, ...params: unknown[]): void {
    const context = params[params.length - 1];
    const quiet = typeof context === 'string' && FRAMEWORK_CONTEXTS.has(context);
    this.emit(quiet ? 'debug' : 'info', message, params, false);
  }

  error(message: unknown, ...params: unknown[]): void {
    this.emit('error', message, params, true);
  }

  fatal(message: unknown, ...params: unknown[]): void {
    this.emit('error', message, params, true);
  }

  warn(message: unknown, ...params: unknown[]): void {
    this.emit('warn', message, params, false);
  }

  debug(message: unknown, ...params: unknown[]): void {
    this.emit('debug', message, params, false);
  }

  verbose(message: unknown, ...params: unknown[]): void {
    this.emit('debug', message, params, false);
  }

  private emit(level: LogLevel, message: unknown, params: readonly unknown[], isError: boolean): void {
    if (RANK[level] > RANK[this.level]) return;
    let line: string;
    try {
      line = this.line(level, message, params, isError);
    } catch {
      line = JSON.stringify({ ...this.head(level), msg: '[this log line could not be written]' });
    }
    try {
      this.write(line);
    } catch {
      // Nowhere left to report it; the caller's work matters more than this line.
    }
  }

  /**
   * Time, level and service, and what ties the line to its work: the request id (and job id) of the
   * async context it is written in, and the trace id when tracing is on.
   */
  private head(level: LogLevel): Record<string, string> {
    const head: Record<string, string> = { time: new Date().toISOString(), level, service: this.service };
    try {
      const scope = currentRequestScope();
      if (scope !== undefined) {
        head.requestId = scope.requestId;
        if (scope.jobId !== undefined) head.jobId = scope.jobId;
      }
      const traceId = traceHooks.traceId();
      if (traceId !== undefined) head.traceId = traceId;
    } catch {
      // The ids are a help; the line matters more.
    }
    return head;
  }

  private line(level: LogLevel, message: unknown, params: readonly unknown[], isError: boolean): string {
    const parts = partsOf(params, isError);
    const entry: Record<string, LogValue> = {
      ...this.head(level),
      ...(parts.context === undefined ? {} : { context: redact(parts.context) }),
      msg: messageText(message),
    };
    const stack = parts.stack ?? (message instanceof Error ? message.stack : undefined);
    if (typeof stack === 'string') entry.stack = redact(stack);
    // The error's name, code and cause; its message is already the line's msg.
    if (message instanceof Error) entry.error = toLogValue(message);
    if (parts.details.length > 0) {
      entry.details = toLogValue(parts.details.length === 1 ? parts.details[0] : parts.details);
    }
    return JSON.stringify(entry);
  }
}
