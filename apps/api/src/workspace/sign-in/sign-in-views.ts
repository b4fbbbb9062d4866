import { html, type Html, postForm } from '@retrowalk/web';

export function signInForm(csrfToken: string, next: string | null, signedOut: boolean): Html {
  return html`<div class="narrow">
    <div class="card stack">
      <h1>Sign in</h1>
      ${signedOut ? html`<p class="flash success" role="status">You are signed out.</p>` : ''}
      <p class="lead">Enter your work email. We send you a link that signs you in: no password.</p>
      ${postForm({
        action: '/coach/sign-in',
        csrfToken,
        className: 'stack',
        body: html`<div class="field">
            <label for="email">Work email</label>
            <input
              id="email"
              name="email"
              type="email"
              autocomplete="email"
              inputmode="email"
              required
              maxlength="254"
              autofocus
            />
          </div>
          ${next ? html`<input type="hidden" name="next" value="${next}" />` : ''}
          <button type="submit" class="button wide">Email me a sign-in link</button>`,
      })}
    </div>
  </div>`;
}

/** The same words whoever asked: the page never says whether the address is a member. */
export function checkEmailPage(): Html {
  return html`<div class="narrow">
    <div class="card stack">
      <h1>Check your email</h1>
      <p>
        If this address belongs to someone in the workspace, a sign-in link is on its way. It works once, for
        15 minutes.
      </p>
      <p class="muted">
        Nothing after a few minutes? Check your spam folder, or ask your organisation’s admin to add you.
      </p>
      <p><a href="/coach/sign-in">Send another link</a></p>
    </div>
  </div>`;
}

/** GET of the emailed link: a button, because mail scanners open links and must not sign anyone in. */
export function followLinkPage(action: string, csrfToken: string, organizationName: string): Html {
  return html`<div class="narrow">
    <div class="card stack">
      <h1>Sign in to ${organizationName}</h1>
      <p class="lead">Tap the button to sign in on this device.</p>
      ${postForm({ action, csrfToken, body: html`<button type="submit" class="button wide">Sign in</button>` })}
      <p class="muted">On a shared computer, sign out when you are done.</p>
    </div>
  </div>`;
}

const PROBLEM: Record<'unknown' | 'used' | 'expired', { title: string; text: string }> = {
  unknown: { title: 'This link does not work', text: 'It may have been copied only in part.' },
  used: { title: 'This link was already used', text: 'Each sign-in link works once.' },
  expired: { title: 'This link has run out', text: 'Sign-in links work for 15 minutes.' },
};

export function linkProblemPage(why: 'unknown' | 'used' | 'expired'): { title: string; body: Html } {
  const words = PROBLEM[why];
  return {
    title: words.title,
    body: html`<div class="narrow">
      <div class="card stack">
        <h1>${words.title}</h1>
        <p>${words.text} Ask for a fresh one: it takes a moment.</p>
        <p><a class="button wide" href="/coach/sign-in">Get a new sign-in link</a></p>
      </div>
    </div>`,
  };
}
