import { type DynamicModule, Module } from '@nestjs/common';
import { type AppConfig, ConfigModule } from '@retrowalk/config';
import { MailModule } from '@retrowalk/mail';
import { ObservabilityModule } from '@retrowalk/observability';
import { PersistenceModule } from '@retrowalk/persistence';
import { QueueModule } from '@retrowalk/queue';
import { ApplicationModule } from './application.module';

/** Everything both apps run on: settings, metrics, Postgres, BullMQ, mail and the application services. */
@Module({})
export class CoreModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: CoreModule,
      imports: [
        ConfigModule.forRoot(config),
        ObservabilityModule,
        PersistenceModule.forRoot(),
        QueueModule,
        MailModule,
        ApplicationModule,
      ],
    };
  }
}
