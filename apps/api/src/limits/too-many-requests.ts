import { type ErrorBody, renderResultPage } from '@retrowalk/http';
import { html } from '@retrowalk/web';
import { renderWorkspacePage } from '../workspace/views/workspace-layout';

export interface Exceeded {
  retryAfterSeconds: number;
  limit: number;
}

export interface Answer {
  contentType: string;
  body: string;
}

/**
 * What a caller past its limit reads, in the form it reads everything else: a page for a person on
 * a participant link, a report link or the workspace, and the one error shape for everything else.
 */
export function tooManyRequestsAnswer(
  path: string,
  exceeded: Exceeded,
  workspaceAssets: () => { stylesheet: string; script: string },
): Answer {
  const seconds = exceeded.retryAfterSeconds;
  if (path.startsWith('/p/') || path.startsWith('/r/')) {
    return {
      contentType: 'text/html; charset=utf-8',
      body: renderResultPage({
        organizationName: 'Retrowalk',
        title: 'Please wait a minute',
        heading: 'Please wait a minute',
        message:
          'This link was opened many times in a short while, so we are pausing it for a moment. ' +
          'Nothing was changed. Please wait a minute, then open the link again.',
        tone: 'warning',
      }),
    };
  }
  if (path === '/coach' || path.startsWith('/coach/')) {
    return {
      contentType: 'text/html; charset=utf-8',
      body: renderWorkspacePage({
        title: 'Please wait a minute',
        organizationName: 'Retrowalk',
        member: null,
        csrfToken: '',
        ...workspaceAssets(),
        body: html`<div class="narrow">
          <div class="card stack">
            <h1>Please wait a minute</h1>
            <p>There were a lot of requests from here in a short while. Nothing was changed.</p>
            <p>Please wait a minute, then try again.</p>
            <p><a href="/coach">Back to the workspace</a></p>
          </div>
        </div>`,
      }),
    };
  }
  const body: ErrorBody = {
    error: {
      code: 'rate_limited',
      message: `Too many requests: try again in ${seconds} ${seconds === 1 ? 'second' : 'seconds'}`,
      details: { retryAfterSeconds: seconds, limit: exceeded.limit },
    },
  };
  return { contentType: 'application/json; charset=utf-8', body: JSON.stringify(body) };
}
