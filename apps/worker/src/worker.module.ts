import { type DynamicModule, Inject, Module, type OnApplicationBootstrap } from '@nestjs/common';
import { CoreModule } from '@retrowalk/application';
import { APP_CONFIG, type AppConfig } from '@retrowalk/config';
import { HealthModule } from '@retrowalk/http';
import { JobName, JobRepository } from '@retrowalk/queue';
import { DispatchDueMessagesProcessor } from './processors/dispatch-due-messages.processor';
import { SendMessageProcessor } from './processors/send-message.processor';
import { ProcessImportProcessor } from './processors/process-import.processor';

@Module({})
export class WorkerModule implements OnApplicationBootstrap {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly jobs: JobRepository,
    private readonly dispatch: DispatchDueMessagesProcessor,
    private readonly send: SendMessageProcessor,
    private readonly processImport: ProcessImportProcessor,
  ) {}

  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [CoreModule.forRoot(config), HealthModule],
      providers: [DispatchDueMessagesProcessor, SendMessageProcessor, ProcessImportProcessor],
    };
  }

  async onApplicationBootstrap(): Promise<void> {
    // The job contract checks that every job has exactly this one handler before anything runs.
    this.jobs.startWorkers(
      {
        [JobName.DispatchDueMessages]: this.dispatch.handle,
        [JobName.SendMessage]: this.send.handle,
        [JobName.ProcessImport]: this.processImport.handle,
      },
      { sendConcurrency: this.config.sendConcurrency },
    );
    await this.jobs.ensureDispatchSchedule(this.config.dispatchIntervalMs);
  }
}
