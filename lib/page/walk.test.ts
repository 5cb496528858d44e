/**
 * Which text a scan reads (textNodesUnder), on small documents (linkedom): every text node of two
 * characters or more, in document order, except inside code, form fields, editors, hidden and
 * non-rendered elements, and inside what the caller's extra test leaves out.
 */
import { parseHTML } from 'linkedom';
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { textNodesUnder } from './walk';

beforeEach(() => vi.stubGlobal('NodeFilter', { SHOW_ELEMENT: 1, SHOW_TEXT: 4 }));
afterEach(() => vi.unstubAllGlobals());

function texts(html: string, root = 'body', extra?: (el: Element) => boolean): string[] {
  const { document } = parseHTML(`<html><head><title>Title</title></head>${html}</html>`);
  const at = root === 'document' ? document : document.querySelector(root)!;
  return [...textNodesUnder(at as unknown as Node, extra)].map((t) => t.data);
}

test.each<[string, string, string[]]>([
  [
    'plain paragraphs, in order',
    '<p>Jane Doe <b>spoke</b> today.</p><p>Old Harbor</p>',
    ['Jane Doe ', 'spoke', ' today.', 'Old Harbor'],
  ],
  ['one-character nodes are left out', '<p>a<b>bc</b>d</p>', ['bc']],
  [
    'code, scripts and styles',
    '<p>said</p><pre>x = 1</pre><code>f()</code><script>var a</script><style>p{}</style>',
    ['said'],
  ],
  [
    'form fields and editors',
    '<textarea>typed</textarea><div contenteditable>edit me</div><div contenteditable="false">shown</div>',
    ['shown'],
  ],
  [
    'hidden elements and all inside them',
    '<div hidden><p>secret <b>deep</b></p></div><p>seen</p>',
    ['seen'],
  ],
  [
    'deeply inside a skipped element',
    '<pre><span><i><b>far down</b></i></span></pre><p><i>kept</i></p>',
    ['kept'],
  ],
  [
    'a skipped element between kept ones',
    '<p>before<code>inside</code>after</p>',
    ['before', 'after'],
  ],
])('%s', (_label, html, expected) => {
  expect(texts(`<body>${html}</body>`)).toEqual(expected);
});

test('from the document: the head is never read', () => {
  expect(texts('<body><p>Body text</p></body>', 'document')).toEqual(['Body text']);
});

test('a skipped root, and a root inside the page', () => {
  expect(texts('<body><pre><p>code</p></pre></body>', 'pre')).toEqual([]);
  expect(texts('<body><p>out</p><main><p>in here</p></main></body>', 'main')).toEqual(['in here']);
});

test("the caller's extra test leaves out elements and what is inside them", () => {
  const extra = (el: Element) => el.classList.contains('ad');
  expect(
    texts(
      '<body><p>story</p><aside class="ad"><p>buy <b>now</b></p></aside><p>end</p></body>',
      'body',
      extra,
    ),
  ).toEqual(['story', 'end']);
});
