import { Injectable, Logger } from '@nestjs/common';
import { Clock, ImportService } from '@retrowalk/application';
import { UnitOfWork } from '@retrowalk/persistence';
import { type JobHandler, type JobName } from '@retrowalk/queue';

/**
 * Works through a staged import a batch at a time, each batch in the organisation's own transaction.
 * A failure is rethrown so BullMQ retries (from the last committed batch); after the last attempt
 * the import is marked failed so its owner sees it stopped.
 */
@Injectable()
export class ProcessImportProcessor {
  private readonly logger = new Logger(ProcessImportProcessor.name);

  constructor(
    private readonly imports: ImportService,
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  readonly handle: JobHandler<JobName.ProcessImport> = async ({ importId }, context) => {
    const organizationId = await this.imports.organizationOf(importId);
    if (organizationId === null) return; // The organisation (and its imports) was deleted.
    try {
      for (;;) {
        await this.clock.refresh();
        const state = await this.uow.asOrganization(organizationId, () =>
          this.imports.processBatch(organizationId, importId),
        );
        if (state.status !== 'processing' && state.status !== 'queued') {
          this.logger.log(
            `Import ${importId} ${state.status}: ${state.rowsSucceeded} enrolled, ` +
              `${state.rowsUnchanged} unchanged, ${state.rowsFailed} failed of ${state.rowsTotal}`,
          );
          return;
        }
      }
    } catch (error) {
      if (context.isFinalAttempt) {
        await this.uow.asOrganization(organizationId, () =>
          this.imports.fail(organizationId, importId, 'The import stopped on an internal error.'),
        );
      }
      throw error;
    }
  };
}
