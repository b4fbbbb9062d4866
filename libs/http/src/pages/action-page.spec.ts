import { renderActionPage, type ActionPageModel } from './action-page';

const model: ActionPageModel = {
  organizationName: 'Knees & <b>Co</b>',
  title: 'Pause <reminders>',
  heading: 'Pause your reminders?',
  message: 'We will stop sending reminders & follow-ups.\n\nYou can come back at any time.',
  buttonLabel: 'Yes, <pause>',
  formAction: '/p/pause?token=abc&lang=en',
  secondaryNote: 'Changed your mind? Just close this page & nothing happens.',
};

describe('renderActionPage', () => {
  const html = renderActionPage(model);

  it('is a complete, phone-sized HTML5 page with a title and no scripts', () => {
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="en">')).toBe(true);
    expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(html).toContain('<title>Pause &lt;reminders&gt; - Knees &amp; &lt;b&gt;Co&lt;/b&gt;</title>');
    expect(html).not.toMatch(/<script|javascript:|\son[a-z]+=/i);
    expect(html).not.toMatch(/<link|<img|@import|url\(/i);
  });

  it('changes nothing on GET: its one button POSTs to the form action', () => {
    expect(html).toContain('<form method="post" action="/p/pause?token=abc&amp;lang=en">');
    expect(html.match(/<button/g)).toHaveLength(1);
    expect(html).toContain('<button type="submit" class="button">Yes, &lt;pause&gt;</button>');
  });

  it('escapes every value and splits the message into paragraphs', () => {
    expect(html).not.toMatch(/<(b|pause|reminders)>/);
    expect(html).toContain('<p class="org">Knees &amp; &lt;b&gt;Co&lt;/b&gt;</p>');
    expect(html).toContain('<p>We will stop sending reminders &amp; follow-ups.</p>');
    expect(html).toContain('<p>You can come back at any time.</p>');
    expect(html).toContain(
      '<p class="note">Changed your mind? Just close this page &amp; nothing happens.</p>',
    );
  });

  it('accepts the message as a list of paragraphs and leaves out a missing note', () => {
    const page = renderActionPage({ ...model, message: ['One', 'Two'], secondaryNote: undefined });
    expect(page).toContain('<p>One</p>\n<p>Two</p>');
    expect(page).not.toContain('class="note"');
  });

  it('keeps the token from leaking and the page out of search engines', () => {
    expect(html).toContain('<meta name="referrer" content="no-referrer">');
    expect(html).toContain('<meta name="robots" content="noindex, nofollow">');
  });

  it('refuses a form action that is not http(s) or a path', () => {
    expect(() => renderActionPage({ ...model, formAction: 'javascript:alert(1)' })).toThrow();
  });

  it('shows a focus outline and a tall button', () => {
    expect(html).toMatch(/:focus-visible \{ outline: 3px solid/);
    expect(html).toMatch(/\.button \{[^}]*min-height: 56px/);
  });

  it('offers a second answer as its own form, escaped', () => {
    const html = renderActionPage({
      organizationName: 'Org',
      title: 'T',
      heading: 'H',
      message: 'M',
      buttonLabel: 'It is worse',
      formAction: '/p/a/1',
      alternative: { buttonLabel: 'Yes, <one> of these', formAction: '/p/b/2' },
    });
    expect(html.match(/<form method="post"/g)).toHaveLength(2);
    expect(html).toContain('action="/p/b/2"');
    expect(html).toContain('Yes, &lt;one&gt; of these');
  });

  it('puts the second answer first when asked, so the one that matters most is on top', () => {
    const model = {
      organizationName: 'Org',
      title: 'T',
      heading: 'H',
      message: 'M',
      buttonLabel: 'No, none of these',
      formAction: '/p/a/1',
    };
    const after = renderActionPage({ ...model, alternative: { buttonLabel: 'Yes', formAction: '/p/b/2' } });
    const first = renderActionPage({
      ...model,
      alternative: { buttonLabel: 'Yes', formAction: '/p/b/2', first: true },
    });
    expect(after.indexOf('/p/a/1')).toBeLessThan(after.indexOf('/p/b/2'));
    expect(first.indexOf('/p/b/2')).toBeLessThan(first.indexOf('/p/a/1'));
    expect(first).toContain('<button type="submit" class="button alternative">Yes</button>');
  });
});
