import fc from 'fast-check';
import { csrfField, postForm } from './forms';
import { html, query, raw, url } from './html';
import { renderPageDocument } from './page-document';

describe('html', () => {
  it('escapes every value put into it, whatever the text', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const out = html`<p title="${text}">${text}</p>`.value;
        const match = /^<p title="([^"<>]*)">([^<>]*)<\/p>$/.exec(out);
        expect(match).not.toBeNull();
        expect(match![1]).toBe(match![2]);
      }),
    );
  });

  it('keeps trusted markup and nested templates, drops empty values, joins lists', () => {
    const name = '<b>Sam</b>';
    expect(
      html`<ul>
        ${['a', 'b'].map((x) => html`<li>${x}</li>`)}
      </ul>`.value.replace(/\s+/g, ''),
    ).toBe('<ul><li>a</li><li>b</li></ul>');
    expect(html`${raw('<hr>')}${null}${false}${undefined}${0}`.value).toBe('<hr>0');
    expect(html`<p>${name}</p>`.value).toBe('<p>&lt;b&gt;Sam&lt;/b&gt;</p>');
  });

  it('refuses a javascript: address and keeps paths and http(s) links', () => {
    expect(() => url('javascript:alert(1)')).toThrow();
    expect(() => url('//evil.example/')).toThrow();
    expect(url('/coach/participants/x?a=1&b=2').value).toBe('/coach/participants/x?a=1&amp;b=2');
    expect(url('https://x.example/a').value).toBe('https://x.example/a');
  });

  it('builds query strings without the empty parameters', () => {
    expect(query({ q: 'sam & co', status: '', level: 2, cursor: null })).toBe('?q=sam+%26+co&level=2');
    expect(query({ q: '' })).toBe('');
  });
});

describe('forms', () => {
  it('always post, and always carry the CSRF field', () => {
    const form = postForm({ action: '/coach/x', csrfToken: 'tok"en', body: html`<button>Go</button>` }).value;
    expect(form).toMatch(/^<form\s+method="post"\s+action="\/coach\/x"\s*>/);
    expect(form).toContain(csrfField('tok"en').value);
    expect(form).toContain('value="tok&quot;en"');
  });
});

describe('renderPageDocument', () => {
  it('links scripts and stylesheets by address, never inline, and escapes the title', () => {
    const page = renderPageDocument({
      title: 'Sam <3',
      body: html`<main>hi</main>`,
      stylesheets: ['/coach/assets/workspace.css'],
      scripts: ['/coach/assets/workspace.js'],
    });
    expect(page).toContain('<title>Sam &lt;3</title>');
    expect(page).toContain('<script src="/coach/assets/workspace.js" defer></script>');
    expect(page).not.toMatch(/<script>|<style>|\son\w+=/);
    expect(page).toContain('<meta name="referrer" content="no-referrer">');
  });
});
