import { type DynamicModule, Module } from '@nestjs/common';
import { CoreModule } from '@retrowalk/application';
import { type AppConfig } from '@retrowalk/config';
import { HealthModule } from '@retrowalk/http';
import { ApiKeyGuard } from './auth/api-key.guard';
import { OrganizationScopeInterceptor } from './auth/organization-scope.interceptor';
import { CheckInsController } from './check-ins/check-ins.controller';
import { EnrollmentsController } from './enrollments/enrollments.controller';
import { ApiKeysController } from './organization/api-keys.controller';
import { OrganizationController } from './organization/organization.controller';
import { CheckInPageController } from './participant/check-in-page.controller';
import { ParticipantLinksController } from './participant/participant-links.controller';
import { TestClockController } from './test-clock/test-clock.controller';
import { DataRightsController } from './enrollments/data-rights.controller';
import { DataPageController } from './participant/data-page.controller';
import { ImportsController } from './imports/imports.controller';
import { ReportPageController } from './reports/report-page.controller';
import { ReportsController } from './reports/reports.controller';
import { OutcomeCheckPageController } from './outcomes/outcome-check-page.controller';
import { OutcomesController } from './outcomes/outcomes.controller';
import { AttentionController } from './attention/attention.controller';
import { MembersController } from './members/members.controller';
import { WorkspaceModule } from './workspace/workspace.module';
import { EmailEventsController } from './deliverability/email-events.controller';
import { SuppressionsController } from './deliverability/suppressions.controller';

@Module({})
export class ApiModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: ApiModule,
      imports: [CoreModule.forRoot(config), HealthModule, WorkspaceModule],
      controllers: [
        OrganizationController,
        ApiKeysController,
        EnrollmentsController,
        CheckInsController,
        CheckInPageController,
        ParticipantLinksController,
        DataRightsController,
        DataPageController,
        ...(config.testClock ? [TestClockController] : []),
        ImportsController,
        ReportsController,
        ReportPageController,
        OutcomesController,
        OutcomeCheckPageController,
        MembersController,
        AttentionController,
        EmailEventsController,
        SuppressionsController,
      ],
      providers: [ApiKeyGuard, OrganizationScopeInterceptor],
    };
  }
}
