import { type RenderedEmail } from '@retrowalk/mail';

/** One rendered email or page for `npm run previews`. */
export interface Preview {
  name: string;
  html: string;
  text?: string;
  subject?: string;
  isEmail: boolean;
  /** Also photographed at desktop width (report pages). */
  wide?: boolean;
}

export function emailPreview(name: string, rendered: RenderedEmail): Preview {
  return { name, html: rendered.html, text: rendered.text, subject: rendered.subject, isEmail: true };
}

export function pagePreview(name: string, html: string): Preview {
  return { name, html, isEmail: false };
}
