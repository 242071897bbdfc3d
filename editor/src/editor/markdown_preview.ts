// The live preview of a step body: the same safe markdown subset the SDK
// renders (docs/guide-format.md#safe-markdown, sdk/guide/markdown.h), built as
// DOM nodes with text nodes only, never innerHTML. The SDK is the reference;
// this mirrors it closely enough for authors to see bold, links and lists.
import { h } from '../shared/dom';
import { MAX_MARKDOWN_BYTES, cutToBytes } from './byte_limits';

const PUNCTUATION = /[!-\/:-@\[-`{-~]/;
const BULLET = /^[-*+] (.*)$/;
const NUMBERED = /^\d{1,9}[.)] (.*)$/;

export function renderMarkdown(source: string): DocumentFragment {
  const fragment = document.createDocumentFragment();
  // Cut where the SDK cuts: bytes, at a character boundary (not 16384 UTF-16 units).
  const lines = cutToBytes(source, MAX_MARKDOWN_BYTES).replace(/\r\n?/g, '\n').split('\n');
  let paragraph: string[] = [];
  let list: { ordered: boolean; items: string[][] } | null = null;
  const flush = () => {
    if (paragraph.length) fragment.append(h('p', {}, lineBreaks(paragraph)));
    if (list) fragment.append(h(list.ordered ? 'ol' : 'ul', {}, list.items.map((item) => h('li', {}, lineBreaks(item)))));
    paragraph = [];
    list = null;
  };
  for (const line of lines) {
    if (line.trim() === '') {
      flush();
      continue;
    }
    const bullet = BULLET.exec(line);
    const numbered = bullet ? null : NUMBERED.exec(line);
    if (bullet || numbered) {
      const ordered = !!numbered;
      if (paragraph.length || (list && list.ordered !== ordered)) flush();
      list ??= { ordered, items: [] };
      list.items.push([(bullet ?? numbered)![1]!]);
    } else if (list && /^\s/.test(line)) {
      list.items[list.items.length - 1]!.push(line.trim());
    } else {
      if (list) flush();
      paragraph.push(line);
    }
  }
  flush();
  return fragment;
}

function lineBreaks(lines: string[]): Node[] {
  return lines.flatMap((line, i) => (i ? [h('br'), ...inline(line)] : inline(line)));
}

// Inline markers; an unclosed marker stays literal text.
function inline(text: string): Node[] {
  const out: Node[] = [];
  let literal = '';
  const pushText = () => {
    if (literal) out.push(document.createTextNode(literal));
    literal = '';
  };
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '\\' && i + 1 < text.length && PUNCTUATION.test(text[i + 1]!)) {
      literal += text[i + 1];
      i += 2;
      continue;
    }
    if (c === '`') {
      const end = text.indexOf('`', i + 1);
      if (end > i + 1) {
        pushText();
        out.push(h('code', {}, text.slice(i + 1, end)));
        i = end + 1;
        continue;
      }
    }
    if (text.startsWith('**', i)) {
      const end = text.indexOf('**', i + 2);
      if (end > i + 2) {
        pushText();
        out.push(h('strong', {}, inline(text.slice(i + 2, end))));
        i = end + 2;
        continue;
      }
    }
    if (c === '*' && text[i + 1] !== ' ') {
      const end = findSingleStar(text, i + 1);
      if (end > i + 1) {
        pushText();
        out.push(h('em', {}, inline(text.slice(i + 1, end))));
        i = end + 1;
        continue;
      }
    }
    if (c === '[') {
      const close = text.indexOf('](', i + 1);
      const end = close > i ? text.indexOf(')', close + 2) : -1;
      if (close > i + 1 && end > close + 2) {
        pushText();
        const label = inline(text.slice(i + 1, close));
        const url = text.slice(close + 2, end).trim();
        out.push(isSafeUrl(url) ? h('a', { href: url, target: '_blank', rel: 'noopener noreferrer' }, label) : h('span', {}, label));
        i = end + 1;
        continue;
      }
    }
    literal += c;
    i++;
  }
  pushText();
  return out;
}

function findSingleStar(text: string, from: number): number {
  for (let j = from; j < text.length; j++) {
    if (text[j] === '\\') { j++; continue; }
    if (text[j] === '*' && text[j + 1] !== '*' && text[j - 1] !== ' ' && text[j - 1] !== '*') return j;
  }
  return -1;
}

// http(s), mailto and relative URLs only (what the SDK links).
export function isSafeUrl(url: string): boolean {
  if (/^(https?:|mailto:)/i.test(url)) return true;
  return !/^[A-Za-z][A-Za-z0-9+.-]*:/.test(url) && !/[\u0000-\u001f\s]/.test(url);
}
