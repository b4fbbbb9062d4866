import { type SignedInMember } from '@retrowalk/application';
import { html, type Html, type HtmlPart, postForm, renderPageDocument } from '@retrowalk/web';

export type WorkspaceSection = 'attention' | 'participants' | 'reports';

export interface Flash {
  tone: 'success' | 'error' | 'info';
  text: string;
}

export interface WorkspaceFrame {
  title: string;
  organizationName: string;
  /** Null on the sign-in pages. */
  member: SignedInMember | null;
  csrfToken: string;
  section?: WorkspaceSection;
  /** Open items, shown beside "Needs attention". */
  openCount?: number;
  flash?: Flash | null;
  body: HtmlPart;
  stylesheet: string;
  script: string;
}

const ROLE_NAMES = { admin: 'admin', coach: 'coach', wellness_manager: 'wellness manager' } as const;

function nav(frame: WorkspaceFrame): Html {
  const member = frame.member;
  if (!member) return html``;
  const current = (section: WorkspaceSection) =>
    frame.section === section ? html` aria-current="page"` : '';
  // A wellness manager sees aggregates only: the reports, never a person.
  const links =
    member.role === 'wellness_manager'
      ? html`<a href="/coach/reports" ${current('reports')}>Cohort reports</a>`
      : html`<a href="/coach/attention" ${current('attention')}
            ><span class="wide-only">Needs attention</span><span class="narrow-only">Attention</span>${
              frame.openCount
                ? html`<span class="count" aria-label="${frame.openCount} open">${frame.openCount}</span>`
                : ''
            }</a
          ><a href="/coach/participants" ${current('participants')}>Participants</a
          ><a href="/coach/reports" ${current('reports')}>Reports</a>`;
  return html`<nav class="nav" aria-label="Workspace">${links}</nav>
    <div class="who">
      <span class="member">${member.name} · ${ROLE_NAMES[member.role]}</span>${postForm({
        action: '/coach/sign-out',
        csrfToken: frame.csrfToken,
        body: html`<button type="submit" class="linkish">Sign out</button>`,
      })}
    </div>`;
}

/** Every workspace page: the top bar (organisation, places, who is signed in), a flash, the page. */
export function renderWorkspacePage(frame: WorkspaceFrame): string {
  return renderPageDocument({
    title: `${frame.title} · ${frame.organizationName}`,
    stylesheets: [frame.stylesheet],
    scripts: [frame.script],
    body: html`<a class="skip" href="#main">Skip to the page</a>
      <header class="top">
        <div class="top-inner">
          <div class="brand">${frame.organizationName}<small>Coaching workspace</small></div>
          ${nav(frame)}
        </div>
      </header>
      <main id="main">
        ${frame.flash ? html`<p class="flash ${frame.flash.tone}" role="status">${frame.flash.text}</p>` : ''}
        ${frame.body}
      </main>`,
  });
}
