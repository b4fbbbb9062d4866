import { renderLinkProblemPage } from './link-problem-page';

describe('renderLinkProblemPage', () => {
  it('says plainly that an invalid link does not work and what to do next', () => {
    const html = renderLinkProblemPage({ kind: 'invalid', organizationName: 'Knees & <b>Co</b>' });
    expect(html).toContain('<h1>This link doesn&#39;t work</h1>');
    expect(html).toContain('open the newest email from Knees &amp; &lt;b&gt;Co&lt;/b&gt;');
    expect(html).toContain('Contact Knees &amp; &lt;b&gt;Co&lt;/b&gt;. They will help you.');
    expect(html).not.toContain('<b>');
  });

  it('says an expired link has expired', () => {
    const html = renderLinkProblemPage({ kind: 'expired', organizationName: 'Knees Co' });
    expect(html).toContain('<h1>This link has expired</h1>');
    expect(html).toContain('<title>Link expired - Knees Co</title>');
    expect(html).toContain('newest email');
  });

  it('still helps when the organisation is unknown', () => {
    const html = renderLinkProblemPage({ kind: 'invalid' });
    expect(html).toContain('<title>Link not working</title>');
    expect(html).toContain('the newest email from us');
    expect(html).toContain('Contact the people who run your programme.');
    expect(html).not.toContain('class="org"');
  });

  it('says a link of an erased person no longer works, without asking them to retry', () => {
    const html = renderLinkProblemPage({ kind: 'gone' });
    expect(html).toContain('<h1>This link no longer works</h1>');
    expect(html).toContain('have been deleted');
    expect(html).not.toContain('newest email');
  });

  it('gives no technical details and runs no scripts', () => {
    for (const kind of ['invalid', 'expired', 'gone'] as const) {
      const html = renderLinkProblemPage({ kind });
      expect(html).not.toMatch(/token|signature|HMAC|error code|40[0-9]|<script|<form/i);
      expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    }
  });
});
