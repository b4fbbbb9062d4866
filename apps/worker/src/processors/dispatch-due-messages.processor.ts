import { Injectable, Logger } from '@nestjs/common';
import { AttentionService, DispatchService, ImportService, SessionService } from '@retrowalk/application';
import { type JobHandler, type JobName, JobRepository } from '@retrowalk/queue';

/** Dead sessions and links are swept at most this often. */
const PURGE_EVERY_MS = 3_600_000;

/**
 * A tick (or a nudge): hand every due row in the schedule to the send queue. A tick also re-queues
 * imports that stalled without a job, so an upload that committed while Redis was away still runs,
 * and opens the attention items whose timers ran out (no walk for a week, no answer in 48 hours).
 */
@Injectable()
export class DispatchDueMessagesProcessor {
  private readonly logger = new Logger(DispatchDueMessagesProcessor.name);

  private lastPurge = 0;

  constructor(
    private readonly dispatch: DispatchService,
    private readonly imports: ImportService,
    private readonly jobs: JobRepository,
    private readonly attention: AttentionService,
    private readonly sessions: SessionService,
  ) {}

  readonly handle: JobHandler<JobName.DispatchDueMessages> = async ({ trigger }) => {
    // The watchdog reads this to tell a ticking scheduler from one that has lost its next job.
    if (trigger === 'tick') await this.jobs.markDispatchTick();
    const { claimed, reclaimed, extended } = await this.dispatch.dispatchDue();
    if (claimed + reclaimed > 0) {
      this.logger.log(`Dispatched ${claimed} due message(s), took over ${reclaimed} lapsed claim(s)`);
    }
    if (extended > 0) this.logger.log(`Extended ${extended} claim(s) whose jobs still wait in the queue`);
    if (trigger !== 'tick') return;
    const requeued = await this.imports.requeueStalled();
    if (requeued.length > 0) this.logger.log(`Re-queued stalled import(s) ${requeued.join(', ')}`);
    const opened = await this.attention.openDue();
    if (opened > 0) this.logger.log(`Opened ${opened} attention item(s) whose timer ran out`);
    if (Date.now() - this.lastPurge >= PURGE_EVERY_MS) {
      this.lastPurge = Date.now();
      await this.sessions.purgeExpired();
    }
  };
}
