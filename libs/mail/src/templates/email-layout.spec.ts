import { renderEmail, subjectLine, type EmailContent } from './email-layout';

const content: EmailContent = {
  subject: 'A safety message',
  preheader: 'Please stop & read <this>',
  blocks: [
    { kind: 'heading', text: 'Stop for now' },
    { kind: 'paragraph', text: 'Body text' },
    { kind: 'button', label: 'Tell us more', url: 'https://app.example/p/x?t=1&u=2' },
  ],
  footer: { organizationName: 'Knee Club', reason: 'You are in the programme.' },
};

describe('renderEmail', () => {
  it('leaves out the unsubscribe footer when no unsubscribe URL is given (safety messages)', () => {
    const email = renderEmail(content);
    expect(email.html.toLowerCase()).not.toContain('unsubscribe');
    expect(email.text.toLowerCase()).not.toContain('unsubscribe');
    expect(email.html).toContain('Knee Club');
    expect(email.text).toContain('You are in the programme.');
  });

  it('shows a visible unsubscribe link in both parts when given', () => {
    const email = renderEmail({
      ...content,
      footer: { ...content.footer, unsubscribeUrl: 'https://app.example/u?t=9&x=1' },
    });
    expect(email.html).toMatch(/<a href="https:\/\/app\.example\/u\?t=9&amp;x=1"[^>]*>Unsubscribe[^<]*<\/a>/);
    expect(email.text).toContain('https://app.example/u?t=9&x=1');
  });

  it('adds the "your data" link to the footer of both parts when given', () => {
    const email = renderEmail({
      ...content,
      footer: { ...content.footer, dataUrl: 'https://app.example/p/data/t.1.s' },
    });
    expect(email.html).toMatch(
      /<a href="https:\/\/app\.example\/p\/data\/t\.1\.s"[^>]*>Your data: download or delete<\/a>/,
    );
    expect(email.text).toContain('Your data (download or delete):\nhttps://app.example/p/data/t.1.s');
    expect(renderEmail(content).text).not.toContain('Your data');
  });

  it('is a phone-friendly single column with a hidden, escaped preheader', () => {
    const { html } = renderEmail(content);
    expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(html).toContain('max-width:600px');
    expect(html).toMatch(/<div style="display:none;[^"]*">Please stop &amp; read &lt;this&gt;/);
    expect(html).not.toContain('<img');
    expect(html).not.toMatch(/font-size:(1[0-5]|[0-9])px;line-height:\d+px;color:#1f2933/);
  });

  it('renders the same links in the plain-text part', () => {
    const email = renderEmail(content);
    expect(email.html).toContain('href="https://app.example/p/x?t=1&amp;u=2"');
    expect(email.text).toContain('Tell us more:\nhttps://app.example/p/x?t=1&u=2');
    expect(email.text).not.toMatch(/<[a-z]/i);
  });

  it('fills only the slots of the shell compiled at load time', () => {
    const a = renderEmail(content).html;
    const b = renderEmail({ ...content, blocks: [{ kind: 'paragraph', text: 'Other' }] }).html;
    const bodyStart = '<tr><td class="rw-text"';
    const footerStart = '<tr><td class="rw-muted"';
    expect(a.slice(0, a.indexOf(bodyStart))).toBe(b.slice(0, b.indexOf(bodyStart)));
    expect(a.slice(a.indexOf(footerStart))).toBe(b.slice(b.indexOf(footerStart)));
    expect(a).not.toMatch(/\{\{\w+\}\}/);
  });

  it('refuses a link that is not an absolute http(s) URL', () => {
    expect(() =>
      renderEmail({ ...content, blocks: [{ kind: 'button', label: 'x', url: 'javascript:alert(1)' }] }),
    ).toThrow();
  });
});

describe('subjectLine', () => {
  it('keeps short subjects as they are, on one line', () => {
    expect(subjectLine('Hello\r\n  there')).toBe('Hello there');
  });

  it('shortens long subjects at a word boundary to under 70 characters', () => {
    const long = `Today's retro walk: Level 3: ${'Longer and steadier walking '.repeat(4)}`;
    const subject = subjectLine(long);
    expect(subject.length).toBeLessThan(70);
    expect(subject.endsWith('…')).toBe(true);
    expect(long.startsWith(subject.slice(0, -1))).toBe(true);
  });
});
