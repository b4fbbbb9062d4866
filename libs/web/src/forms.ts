import { html, type Html, type HtmlPart, url } from './html';

/** The form field every POST carries; the server refuses a POST without the right value. */
export const CSRF_FIELD = '_csrf';

export function csrfField(token: string): Html {
  return html`<input type="hidden" name="${CSRF_FIELD}" value="${token}" />`;
}

export interface PostForm {
  action: string;
  csrfToken: string;
  body: HtmlPart;
  className?: string;
}

/** A form that changes something: always POST, always with the CSRF field. */
export function postForm(form: PostForm): Html {
  return html`<form
    method="post"
    action="${url(form.action)}"
    ${form.className ? html` class="${form.className}"` : ''}
  >
    ${csrfField(form.csrfToken)}${form.body}
  </form>`;
}
