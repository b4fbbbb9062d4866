import { type DynamicModule, Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@retrowalk/config';
import { DataSource } from 'typeorm';
import { createDataSource } from './data-source';
import { explainPostgresError } from './database-bootstrap';
import { ApiKeyRepository } from './repositories/api-key.repository';
import { CheckInRepository } from './repositories/check-in.repository';
import { ClockRepository } from './repositories/clock.repository';
import { ImportRepository } from './repositories/import.repository';
import { EnrollmentRepository } from './repositories/enrollment.repository';
import { MessageRepository } from './repositories/message.repository';
import { MessageDeliveryRepository } from './repositories/message-delivery.repository';
import { MessageSendingRepository } from './repositories/message-sending.repository';
import { OrganizationRepository } from './repositories/organization.repository';
import { ReportRepository } from './repositories/report.repository';
import { DATA_SOURCE, UnitOfWork } from './unit-of-work';
import { AuditEntryRepository } from './repositories/audit-entry.repository';
import { OutcomeCheckRepository } from './repositories/outcome-check.repository';
import { AttentionRepository } from './repositories/attention.repository';
import { CoachNoteRepository } from './repositories/coach-note.repository';
import { EnrollmentListRepository } from './repositories/enrollment-list.repository';
import { MemberRepository } from './repositories/member.repository';
import { MemberSessionRepository } from './repositories/member-session.repository';
import { SignInLinkRepository } from './repositories/sign-in-link.repository';
import { DeliveryEventRepository } from './repositories/delivery-event.repository';
import { SuppressionRepository } from './repositories/suppression.repository';

const REPOSITORIES = [
  OrganizationRepository,
  ApiKeyRepository,
  EnrollmentRepository,
  MessageRepository,
  MessageDeliveryRepository,
  MessageSendingRepository,
  CheckInRepository,
  ClockRepository,
  UnitOfWork,
  AuditEntryRepository,
  ImportRepository,
  ReportRepository,
  OutcomeCheckRepository,
  MemberRepository,
  MemberSessionRepository,
  SignInLinkRepository,
  AttentionRepository,
  CoachNoteRepository,
  EnrollmentListRepository,
  DeliveryEventRepository,
  SuppressionRepository,
];

@Global()
@Module({})
export class PersistenceModule implements OnApplicationShutdown {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  static forRoot(): DynamicModule {
    return {
      module: PersistenceModule,
      providers: [
        {
          provide: DATA_SOURCE,
          inject: [APP_CONFIG],
          useFactory: async (config: AppConfig) => {
            const dataSource = createDataSource({
              databaseUrl: config.databaseUrl,
              poolSize: config.database.poolSize,
              timeouts: config.database,
            });
            try {
              return await dataSource.initialize();
            } catch (error) {
              throw explainPostgresError(config.databaseUrl, error);
            }
          },
        },
        ...REPOSITORIES,
      ],
      exports: [DATA_SOURCE, ...REPOSITORIES],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}
