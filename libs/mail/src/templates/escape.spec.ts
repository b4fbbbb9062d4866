import { escapeHref, escapeHtml } from './escape';

describe('escapeHtml', () => {
  it('escapes the five characters that can break out of text or a quoted attribute', () => {
    expect(escapeHtml(`<a href="x" title='y'>Tom & Jerry</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;Tom &amp; Jerry&lt;/a&gt;',
    );
  });

  it('leaves ordinary and non-Latin text alone', () => {
    expect(escapeHtml('Zoë walks 10 m – ok ✓')).toBe('Zoë walks 10 m – ok ✓');
  });
});

describe('escapeHref', () => {
  it('accepts absolute http(s) URLs and escapes them for an attribute', () => {
    expect(escapeHref('https://example.org/c?t=a&b="c"')).toBe(
      'https://example.org/c?t=a&amp;b=&quot;c&quot;',
    );
    expect(escapeHref('http://localhost:3000/x')).toBe('http://localhost:3000/x');
  });

  it.each([
    'javascript:alert(1)',
    'data:text/html,hi',
    '/p/confirm',
    '//evil.example/x',
    'https://a.example/ b',
    '',
  ])('rejects %p where an absolute URL is required', (url) => {
    expect(() => escapeHref(url)).toThrow('Expected an absolute http(s) URL');
  });

  it('accepts a path on the same site when asked to, but never a protocol-relative URL', () => {
    expect(escapeHref('/p/pause?token=a&b', 'absolute-or-path')).toBe('/p/pause?token=a&amp;b');
    expect(() => escapeHref('//evil.example/x', 'absolute-or-path')).toThrow();
    expect(() => escapeHref('javascript:alert(1)', 'absolute-or-path')).toThrow();
  });

  it('does not echo the rejected URL, which may hold a token', () => {
    expect(() => escapeHref('ftp://host/secret-token')).toThrow(/^Expected an absolute http\(s\) URL$/);
  });
});
