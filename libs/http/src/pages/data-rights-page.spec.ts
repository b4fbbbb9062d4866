import { renderDataRightsPage, renderEraseConfirmPage } from './data-rights-page';

describe('renderDataRightsPage', () => {
  const html = renderDataRightsPage({
    organizationName: 'Knees & <b>Co</b>',
    firstName: 'Sam <i>',
    exportAction: '/p/data/tok.1.sig/export',
    eraseConfirmHref: '/p/data/tok.1.sig/erase',
  });

  it('downloads by POST and only links to the deletion question, so opening it changes nothing', () => {
    expect(html).toContain('<form method="post" action="/p/data/tok.1.sig/export">');
    expect(html.match(/<form/g)).toHaveLength(1);
    expect(html).toContain('<a class="button secondary" href="/p/data/tok.1.sig/erase">Delete my data</a>');
  });

  it('escapes the names and runs no scripts', () => {
    expect(html).toContain('Hi Sam &lt;i&gt;.');
    expect(html).toContain('Knees &amp; &lt;b&gt;Co&lt;/b&gt;');
    expect(html).not.toMatch(/<script|<b>|<i>/);
  });

  it('greets without a name when there is none', () => {
    const page = renderDataRightsPage({
      organizationName: 'Knees Co',
      firstName: ' ',
      exportAction: '/p/data/t/export',
      eraseConfirmHref: '/p/data/t/erase',
    });
    expect(page).toContain('<p>Hello. Here you can download');
  });
});

describe('renderEraseConfirmPage', () => {
  const html = renderEraseConfirmPage({
    organizationName: 'Knees Co',
    eraseAction: '/p/data/t/erase',
    backHref: '/p/data/t',
  });

  it('says what goes, what stays and that it is final, before the one button that erases', () => {
    expect(html).toContain('stop all emails');
    expect(html).toContain('anonymous numbers');
    expect(html).toContain('<strong>This cannot be undone.</strong>');
    expect(html.indexOf('cannot be undone')).toBeLessThan(html.indexOf('<form'));
    expect(html).toContain('<form method="post" action="/p/data/t/erase">');
    expect(html).toContain('class="button danger">Yes, delete my data</button>');
    expect(html).toContain('<a class="button secondary" href="/p/data/t">No, go back</a>');
  });

  it('refuses an action that is neither a path nor an http(s) URL', () => {
    expect(() =>
      renderEraseConfirmPage({ organizationName: 'K', eraseAction: 'javascript:x', backHref: '/p' }),
    ).toThrow();
  });
});
