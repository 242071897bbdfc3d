// editor/src/editor/markdown_preview.ts: the step-body preview. Hostile input
// must come out as text: no element or attribute the author did not get from
// the safe subset, and links only to http(s), mailto or relative URLs.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { installFakeDom, serialize } from './fake_dom.mjs';
import { loadModule } from './bundle.mjs';

installFakeDom();
const { renderMarkdown, isSafeUrl } = await loadModule('editor/src/editor/markdown_preview.ts');

const html = (source) => serialize(renderMarkdown(source));
const ALLOWED_TAGS = new Set(['P', 'BR', 'UL', 'OL', 'LI', 'STRONG', 'EM', 'CODE', 'A', 'SPAN']);

// Every element is from the subset and only links carry attributes (href, target, rel).
function assertOnlySafeMarkup(source) {
  const fragment = renderMarkdown(source);
  for (const element of fragment.descendants()) {
    assert.ok(ALLOWED_TAGS.has(element.tagName), `unexpected <${element.tagName}> from ${JSON.stringify(source)}`);
    for (const [name, value] of element.attributes) {
      assert.ok(element.tagName === 'A' && ['href', 'target', 'rel'].includes(name), `attribute ${name}="${value}" from ${JSON.stringify(source)}`);
    }
    if (element.tagName === 'A') assert.ok(isSafeUrl(element.getAttribute('href')), `unsafe link ${element.getAttribute('href')}`);
  }
  return fragment;
}

// [markdown, expected HTML] pairs.
function assertRendered(cases) {
  for (const [source, expected] of cases) assert.equal(html(source), expected, JSON.stringify(source));
}

test('the safe subset: bold, emphasis, code, links, lists, line breaks', () => {
  assertRendered([
    ['Use **2 to 6** *capital* letters, e.g. `ACME`.', '<p>Use <strong>2 to 6</strong> <em>capital</em> letters, e.g. <code>ACME</code>.</p>'],
    ['[Docs](https://docs.example/a?b=1&c=2)', '<p><a href="https://docs.example/a?b=1&amp;c=2" target="_blank" rel="noopener noreferrer">Docs</a></p>'],
    ['- one\n- two\n\n1. first\n2) second', '<ul><li>one</li><li>two</li></ul><ol><li>first</li><li>second</li></ol>'],
    ['line one\nline two\r\n\r\nnext', '<p>line one<br>line two</p><p>next</p>'],
    ['- item\n  continued', '<ul><li>item<br>continued</li></ul>'],
  ]);
});

test('HTML in the text stays text', () => {
  const hostile = [
    '<script>alert(1)</script>',
    '<img src=x onerror="alert(1)">',
    '<a href="javascript:alert(1)">x</a>',
    '**<b onclick=alert(1)>bold</b>**',
    '`<iframe src=//evil>`',
    '<svg/onload=alert(1)>',
    '- <style>*{display:none}</style>',
  ];
  for (const source of hostile) {
    const fragment = assertOnlySafeMarkup(source);
    assert.ok(fragment.textContent.includes('<'), `the markup is shown as text: ${source}`);
    assert.ok(!/<(script|img|iframe|svg|style|b )/i.test(serialize(fragment)), `no element from ${source}: ${serialize(fragment)}`);
  }
  assert.equal(html('<script>alert(1)</script>'), '<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>');
});

test('javascript:, data: and other schemes never become links', () => {
  for (const url of ['javascript:alert(1)', 'JaVaScRiPt:alert(1)', ' javascript:alert(1)', 'data:text/html,<script>x</script>',
    'vbscript:msgbox', 'java\tscript:alert(1)', 'file:///etc/passwd', 'blob:https://a/b']) {
    const fragment = assertOnlySafeMarkup(`[click](${url})`);
    assert.equal(fragment.descendants().filter((e) => e.tagName === 'A').length, 0, `no link for ${JSON.stringify(url)}`);
    // The label stays as text (a ")" inside the URL ends it, as in markdown).
    assert.ok(fragment.textContent.startsWith('click'), `the label stays, as text: ${fragment.textContent}`);
  }
  for (const url of ['https://a.example', 'HTTP://a.example', 'mailto:help@a.example', '/projects/new', 'settings#keys', '?tab=2']) {
    assert.equal(isSafeUrl(url), true, url);
  }
  assert.equal(isSafeUrl('/a b'), false, 'whitespace in a relative URL');
});

test('quotes in a link cannot break out of the attribute', () => {
  const fragment = assertOnlySafeMarkup('[x](https://a.example/" onmouseover="alert(1))');
  const link = fragment.descendants().find((e) => e.tagName === 'A');
  if (link) {
    assert.equal([...link.attributes.keys()].sort().join(','), 'href,rel,target');
    assert.ok(serialize(fragment).includes('&quot;'), 'the quote is escaped in the attribute');
  }
});

test('unclosed markers and escapes stay literal', () => {
  assertRendered([
    ['**not bold', '<p>**not bold</p>'],
    ['a * b * c', '<p>a * b * c</p>'],
    ['`open', '<p>`open</p>'],
    ['[label](no-close', '<p>[label](no-close</p>'],
    ['\\*literal\\* and \\[x\\](y)', '<p>*literal* and [x](y)</p>'],
    ['', ''],
    ['\n\n  \n', ''],
  ]);
});

test('nesting: bold inside a link label, emphasis inside bold', () => {
  assertRendered([
    ['[**Go**](/next)', '<p><a href="/next" target="_blank" rel="noopener noreferrer"><strong>Go</strong></a></p>'],
    ['**a *b* c**', '<p><strong>a <em>b</em> c</strong></p>'],
  ]);
});

test('very long input is cut, not rendered whole', () => {
  const fragment = renderMarkdown('x'.repeat(100000));
  assert.equal(fragment.textContent.length, 16384);
});
