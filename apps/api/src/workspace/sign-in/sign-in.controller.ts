import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { OrganizationService, SessionService, SignInService } from '@retrowalk/application';
import { Accepts, FORM_BODY } from '@retrowalk/http';
import { type FastifyReply } from 'fastify';
import { type AuthenticatedRequest } from '../../auth/api-key.guard';
import { WorkspaceAuth } from '../auth/workspace-auth';
import { workspaceReturnPath } from '../auth/workspace-errors';
import { SignedOutPages, WorkspaceHtml } from '../auth/workspace-page.decorator';
import { WorkspaceView } from '../views/workspace-view';
import { checkEmailPage, followLinkPage, linkProblemPage, signInForm } from './sign-in-views';

type Form = Record<string, unknown> | undefined;

const TOKEN = /^[A-Za-z0-9_-]{43}$/;

/**
 * Passwordless sign-in. Every POST here carries the CSRF token of a signed-out browser. The link
 * in the email opens a page with a button; only the button's POST uses the link and signs in.
 */
@SignedOutPages()
@Controller('coach/sign-in')
export class SignInController {
  constructor(
    private readonly signIn: SignInService,
    private readonly sessions: SessionService,
    private readonly organizations: OrganizationService,
    private readonly auth: WorkspaceAuth,
    private readonly view: WorkspaceView,
  ) {}

  @Get()
  @WorkspaceHtml()
  async form(
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Query('next') next: unknown,
    @Query('signed_out') signedOut: unknown,
  ): Promise<string | undefined> {
    const token = this.auth.sessionTokenOf(request);
    const returnTo = workspaceReturnPath(next);
    if (token && (await this.sessions.authenticate(token))) {
      void reply.status(303).header('location', returnTo ?? '/coach');
      return undefined;
    }
    const page = { request, reply };
    return this.view.render(page, {
      title: 'Sign in',
      body: signInForm(this.view.csrf(page), returnTo, signedOut === '1'),
    });
  }

  @Post()
  @Accepts(...FORM_BODY)
  @HttpCode(200)
  @WorkspaceHtml()
  async request(
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Body() body: Form,
  ): Promise<string> {
    const email = typeof body?.email === 'string' ? body.email : '';
    await this.signIn.requestLink(email, workspaceReturnPath(body?.next));
    return this.view.render({ request, reply }, { title: 'Check your email', body: checkEmailPage() });
  }

  @Get(':token')
  @WorkspaceHtml()
  async follow(
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Param('token') token: string,
  ): Promise<string> {
    const page = { request, reply };
    const state = TOKEN.test(token)
      ? await this.signIn.inspect(token)
      : ({ usable: false, why: 'unknown' } as const);
    if (!state.usable) {
      void reply.status(state.why === 'unknown' ? 404 : 410);
      return this.view.render(page, linkProblemPage(state.why));
    }
    return this.view.render(page, {
      title: 'Sign in',
      body: followLinkPage(
        `/coach/sign-in/${token}`,
        this.view.csrf(page),
        await this.organizations.shownName(state.link.organizationId),
      ),
    });
  }

  @Post(':token')
  @Accepts(...FORM_BODY)
  @WorkspaceHtml()
  async use(
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Param('token') token: string,
  ): Promise<string | undefined> {
    const signedIn = TOKEN.test(token) ? await this.signIn.signIn(token) : null;
    if (!signedIn) {
      const state = TOKEN.test(token)
        ? await this.signIn.inspect(token)
        : ({ usable: false, why: 'unknown' } as const);
      void reply.status(410);
      return this.view.render({ request, reply }, linkProblemPage(state.usable ? 'used' : state.why));
    }
    this.auth.startSession(reply, signedIn.sessionToken);
    void reply.status(303).header('location', signedIn.returnTo ?? '/coach');
    return undefined;
  }
}
