import { Injectable, Logger } from '@nestjs/common';
import { UnitOfWork } from '@retrowalk/persistence';
import { JobRepository } from '@retrowalk/queue';

/**
 * Wakes the dispatcher after a commit so mail leaves now rather than at its next tick. Best effort
 * by design: the rows are committed, so if Redis is away the next tick sends them all the same.
 */
@Injectable()
export class DispatchNudge {
  private readonly logger = new Logger(DispatchNudge.name);

  constructor(
    private readonly jobs: JobRepository,
    private readonly uow: UnitOfWork,
  ) {}

  /** Called after `uow.run`; inside an organisation's request it waits for that request's commit. */
  soon(): Promise<void> {
    return this.uow.afterCommit(async () => {
      try {
        await this.jobs.nudgeDispatch();
      } catch (error) {
        this.logger.warn(
          `Dispatcher not nudged (${(error as Error).message}); the next tick will send the mail.`,
        );
      }
    });
  }
}
