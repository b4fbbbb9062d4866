import { Module } from '@nestjs/common';
import { OrganizationScopeInterceptor } from '../auth/organization-scope.interceptor';
import { WorkspaceAssets } from './assets/workspace-assets';
import { WorkspaceAssetsController } from './assets/workspace-assets.controller';
import { AttentionPageController } from './attention/attention-page.controller';
import { WorkspaceAuth } from './auth/workspace-auth';
import { WorkspaceExceptionFilter } from './auth/workspace-exception.filter';
import { SignedOutCsrfGuard, WorkspaceGuard } from './auth/workspace.guard';
import { ParticipantPageController } from './participants/participant-page.controller';
import { ParticipantsPageController } from './participants/participants-page.controller';
import { ReportsPageController } from './reports/reports-page.controller';
import { SignInController } from './sign-in/sign-in.controller';
import { WorkspaceView } from './views/workspace-view';
import { WorkspaceHomeController } from './workspace-home.controller';

/**
 * The coach workspace: server-rendered pages under /coach for signed-in members. Its views live
 * beside its controllers; shared page pieces (escaping, the document, forms with the CSRF field)
 * come from @retrowalk/web.
 */
@Module({
  controllers: [
    WorkspaceAssetsController,
    SignInController,
    WorkspaceHomeController,
    AttentionPageController,
    ParticipantsPageController,
    ParticipantPageController,
    ReportsPageController,
  ],
  providers: [
    WorkspaceAssets,
    WorkspaceAuth,
    WorkspaceView,
    WorkspaceGuard,
    SignedOutCsrfGuard,
    WorkspaceExceptionFilter,
    OrganizationScopeInterceptor,
  ],
})
export class WorkspaceModule {}
