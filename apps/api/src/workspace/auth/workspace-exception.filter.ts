import { type ArgumentsHost, Catch, type ExceptionFilter, Logger } from '@nestjs/common';
import { toErrorResponse } from '@retrowalk/http';
import { html, query } from '@retrowalk/web';
import { type FastifyReply, type FastifyRequest } from 'fastify';
import { type AuthenticatedRequest } from '../../auth/api-key.guard';
import { WorkspaceAssets } from '../assets/workspace-assets';
import { renderWorkspacePage } from '../views/workspace-layout';
import { CsrfRefused, SignInRequired } from './workspace-errors';

const TITLES: Record<number, { title: string; text: string }> = {
  400: {
    title: 'Please check what you sent',
    text: 'Something in the form was not right. Go back and try again.',
  },
  403: { title: 'Not for your role', text: 'Your role cannot open this page.' },
  404: { title: 'Not found', text: 'There is nothing here, or it belongs to another organisation.' },
  409: {
    title: 'That is not possible now',
    text: 'The participant’s situation changed. Reload their page and look again.',
  },
};

/**
 * Errors on workspace pages are pages, not JSON: a missing session sends the member to sign in
 * (and back to the page afterwards), a stale form says so, anything else says what happened in
 * plain words. Nothing internal is ever shown; the unexpected goes to the log.
 */
@Catch()
export class WorkspaceExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Workspace');

  constructor(private readonly assets: WorkspaceAssets) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const request = host.switchToHttp().getRequest<FastifyRequest & AuthenticatedRequest>();
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    if (exception instanceof SignInRequired) {
      if (request.method === 'GET') {
        void reply
          .status(303)
          .header('location', `/coach/sign-in${query({ next: exception.returnTo })}`)
          .send();
        return;
      }
      this.page(
        reply,
        401,
        request,
        'Please sign in again',
        'Your session has ended. Sign in again, then repeat what you were doing.',
        true,
      );
      return;
    }
    if (exception instanceof CsrfRefused) {
      this.page(
        reply,
        403,
        request,
        'This form is out of date',
        'Nothing was changed. Go back, reload the page and try again.',
        false,
      );
      return;
    }
    const { status, body, unexpected } = toErrorResponse(exception);
    if (unexpected) {
      this.logger.error(exception instanceof Error ? exception : String(exception), undefined, request.url);
    }
    const words = TITLES[status] ?? { title: 'Something went wrong', text: 'Please try again in a moment.' };
    // Our own messages are written for people; internal ones never reach here (toErrorResponse).
    const text = status === 403 || status === 409 || status === 400 ? body.error.message : words.text;
    this.page(reply, status, request, words.title, text, false);
  }

  private page(
    reply: FastifyReply,
    status: number,
    request: AuthenticatedRequest,
    title: string,
    text: string,
    signInLink: boolean,
  ): void {
    const body = html`<div class="narrow">
      <div class="card stack">
        <h1>${title}</h1>
        <p>${text}</p>
        ${signInLink || !request.member ? html`<p><a class="button" href="/coach/sign-in">Sign in</a></p>` : html`<p><a href="/coach">Back to the workspace</a></p>`}
      </div>
    </div>`;
    void reply
      .status(status)
      .header('content-type', 'text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .send(
        renderWorkspacePage({
          title,
          organizationName: 'Retrowalk',
          member: null,
          csrfToken: '',
          body,
          stylesheet: this.assets.href('workspace.css'),
          script: this.assets.href('workspace.js'),
        }),
      );
  }
}
