import { renderResultPage, type ResultTone } from './result-page';

describe('renderResultPage', () => {
  const tones: ResultTone[] = ['success', 'info', 'warning', 'error'];

  it.each(tones)('renders the %s tone as an escaped page without forms or scripts', (tone) => {
    const html = renderResultPage({
      organizationName: 'Knees & Co',
      title: 'Done <now>',
      heading: 'Reminders <paused>',
      message: ['We will not email you & that is fine.'],
      tone,
    });
    expect(html).toContain(`<div class="card tone-${tone}">`);
    expect(html).toContain('<h1>Reminders &lt;paused&gt;</h1>');
    expect(html).toContain('<p>We will not email you &amp; that is fine.</p>');
    expect(html).toContain('<title>Done &lt;now&gt; - Knees &amp; Co</title>');
    expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(html).not.toMatch(/<script|<form|<(now|paused)>/i);
  });

  it('hides the tone symbol from screen readers, since the heading says it in words', () => {
    const html = renderResultPage({
      organizationName: 'K',
      title: 't',
      heading: 'h',
      message: 'm',
      tone: 'success',
    });
    expect(html).toContain('<div class="icon" aria-hidden="true">&#10003;</div>');
  });

  it('lists each section under its own heading, escaped, after the message', () => {
    const html = renderResultPage({
      organizationName: 'K',
      title: 't',
      heading: 'h',
      message: ['First.'],
      tone: 'error',
      sections: [{ title: 'What <to> do', items: ['Rest & wait.', 'Book a check.'] }],
    });
    expect(html).toContain(
      '<p>First.</p>\n<h2>What &lt;to&gt; do</h2>\n<ul>\n<li>Rest &amp; wait.</li>\n<li>Book a check.</li>\n</ul>',
    );
  });
});
