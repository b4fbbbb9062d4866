import { Injectable, Logger } from '@nestjs/common';
import { DispatchService } from '@retrowalk/application';
import { type JobHandler, type JobName } from '@retrowalk/queue';

/** A tick (or a nudge): hand every due row in the schedule to the send queue. */
@Injectable()
export class DispatchDueMessagesProcessor {
  private readonly logger = new Logger(DispatchDueMessagesProcessor.name);

  constructor(private readonly dispatch: DispatchService) {}

  readonly handle: JobHandler<JobName.DispatchDueMessages> = async () => {
    const { claimed, reclaimed } = await this.dispatch.dispatchDue();
    if (claimed + reclaimed > 0)
      this.logger.log(`Dispatched ${claimed} due message(s), re-queued ${reclaimed}`);
  };
}
