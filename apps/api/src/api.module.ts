import { type DynamicModule, Module } from '@nestjs/common';
import { ApplicationModule } from '@retrowalk/application';
import { type AppConfig, ConfigModule } from '@retrowalk/config';
import { HealthModule } from '@retrowalk/http';
import { MailModule } from '@retrowalk/mail';
import { PersistenceModule } from '@retrowalk/persistence';
import { QueueModule } from '@retrowalk/queue';
import { ApiKeyGuard } from './auth/api-key.guard';
import { EnrollmentsController } from './enrollments/enrollments.controller';
import { ParticipantLinksController } from './participant/participant-links.controller';
import { TestClockController } from './test-clock/test-clock.controller';

@Module({})
export class ApiModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: ApiModule,
      imports: [
        ConfigModule.forRoot(config),
        PersistenceModule.forRoot(),
        QueueModule,
        MailModule,
        ApplicationModule,
        HealthModule,
      ],
      controllers: [
        EnrollmentsController,
        ParticipantLinksController,
        ...(config.testClock ? [TestClockController] : []),
      ],
      providers: [ApiKeyGuard],
    };
  }
}
