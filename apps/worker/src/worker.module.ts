import {
  type BeforeApplicationShutdown,
  type DynamicModule,
  Inject,
  Logger,
  Module,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { CoreModule, DispatchService, DispatchWatchdog, SendMessageService } from '@retrowalk/application';
import { APP_CONFIG, type AppConfig } from '@retrowalk/config';
import { HealthModule } from '@retrowalk/http';
import { Metrics } from '@retrowalk/observability';
import { JobName, JobRepository } from '@retrowalk/queue';
import { withJobMetrics } from './processors/job-metrics';
import { DispatchDueMessagesProcessor } from './processors/dispatch-due-messages.processor';
import { SendMessageProcessor } from './processors/send-message.processor';
import { ProcessImportProcessor } from './processors/process-import.processor';

/** What the grace period keeps back for handing abandoned sends back and closing connections. */
const SHUTDOWN_RESERVE_MS = 3000;

@Module({})
export class WorkerModule implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(WorkerModule.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly jobs: JobRepository,
    private readonly dispatch: DispatchDueMessagesProcessor,
    private readonly send: SendMessageProcessor,
    private readonly processImport: ProcessImportProcessor,
    private readonly watchdog: DispatchWatchdog,
    private readonly dispatcher: DispatchService,
    private readonly sender: SendMessageService,
    private readonly metrics: Metrics,
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
      withJobMetrics(this.metrics, {
        [JobName.DispatchDueMessages]: this.dispatch.handle,
        [JobName.SendMessage]: this.send.handle,
        [JobName.ProcessImport]: this.processImport.handle,
      }),
      {
        sendConcurrency: this.config.sendConcurrency,
        sendRatePerSecond: this.config.deliverability.sendRatePerSecond,
      },
    );
    await this.watchdog.start();
  }

  /**
   * Shutdown: take no new job, let running ones finish within the grace period, and hand back what
   * is still being sent at its end, so another worker sends each of those once. Connections close
   * after this (onApplicationShutdown of each library).
   */
  async beforeApplicationShutdown(): Promise<void> {
    const deadline = Date.now() + Math.max(0, this.config.shutdownGraceMs - SHUTDOWN_RESERVE_MS);
    this.watchdog.stop();
    this.dispatcher.stop();
    if (await this.jobs.stopWorkers(deadline)) return;
    const abandoned = await this.sender.abandonInFlight().catch((error: Error) => {
      this.logger.warn(`In-flight sends not handed back (${error.message}); their leases will run out.`);
      return 0;
    });
    if (abandoned > 0)
      this.logger.warn(`Shutdown handed ${abandoned} unfinished send(s) back to the schedule`);
  }
}
