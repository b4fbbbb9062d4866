/**
 * The one typed job contract: every queue, job name and payload is declared here and nowhere else.
 * Payloads carry ids only, never personal or health data: Redis is not where that lives.
 */
export enum QueueName {
  Dispatch = 'dispatch',
  Send = 'send',
  Imports = 'imports',
}

export enum JobName {
  DispatchDueMessages = 'DispatchDueMessages',
  SendMessage = 'SendMessage',
  ProcessImport = 'ProcessImport',
}

export interface JobPayloads {
  [JobName.DispatchDueMessages]: { trigger: 'tick' | 'nudge' };
  /** One claim of one scheduled row: only the newest claim's job may send it. */
  [JobName.SendMessage]: { messageId: string; claim: number };
  [JobName.ProcessImport]: { importId: string };
}

/**
 * What a job carries besides its payload: the request id of the HTTP request (or of the job) whose
 * work added it, so the worker's log lines for the job carry the same id. An id, like the rest.
 * The trace context travels in BullMQ's own job options (its telemetry), not here.
 */
export interface JobOrigin {
  requestId?: string;
}

export type JobData<N extends JobName> = JobPayloads[N] & JobOrigin;

export const QUEUE_OF: { readonly [N in JobName]: QueueName } = {
  [JobName.DispatchDueMessages]: QueueName.Dispatch,
  [JobName.SendMessage]: QueueName.Send,
  [JobName.ProcessImport]: QueueName.Imports,
};

export interface JobContext {
  /** 1 on the first try. */
  attempt: number;
  /** True when BullMQ will not try again after this attempt fails. */
  isFinalAttempt: boolean;
}

export type JobHandler<N extends JobName> = (payload: JobPayloads[N], context: JobContext) => Promise<void>;

export type JobHandlers = { [N in JobName]: JobHandler<N> };

/** Start-up refuses a worker where a job has no handler or one that is not a function. */
export function assertEveryJobHandled(
  handlers: Partial<Record<string, unknown>>,
): asserts handlers is JobHandlers {
  const names = Object.values(JobName);
  const missing = names.filter((name) => typeof handlers[name] !== 'function');
  const unknown = Object.keys(handlers).filter((name) => !names.includes(name as JobName));
  if (missing.length > 0 || unknown.length > 0) {
    throw new Error(
      `Job handlers do not match the job contract: missing [${missing.join(', ')}], unknown [${unknown.join(', ')}]`,
    );
  }
}
