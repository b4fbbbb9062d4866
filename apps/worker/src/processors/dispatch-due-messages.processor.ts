import { Injectable, Logger } from '@nestjs/common';
import { DispatchService, ImportService } from '@retrowalk/application';
import { type JobHandler, type JobName, JobRepository } from '@retrowalk/queue';

/**
 * A tick (or a nudge): hand every due row in the schedule to the send queue. A tick also re-queues
 * imports that stalled without a job, so an upload that committed while Redis was away still runs.
 */
@Injectable()
export class DispatchDueMessagesProcessor {
  private readonly logger = new Logger(DispatchDueMessagesProcessor.name);

  constructor(
    private readonly dispatch: DispatchService,
    private readonly imports: ImportService,
    private readonly jobs: JobRepository,
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
  };
}
