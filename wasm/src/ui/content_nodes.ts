// The core's markdown node tree to DOM nodes. Author text only ever goes
// through textContent / createTextNode; links must be http(s), mailto or
// relative, so `javascript:` can never run.
import type { MdNode } from './step_view';

// Node types of sdk/guide/markdown.h.
const TAGS: Record<string, string> = {
  paragraph: 'p', bullet_list: 'ul', ordered_list: 'ol', list_item: 'li', strong: 'strong',
  emphasis: 'em', code: 'code', link: 'a',
};

export function safeUrl(url: string | undefined): string | null {
  if (!url) return null;
  try {
    const u = new URL(url, location.href);
    return ['http:', 'https:', 'mailto:'].includes(u.protocol) ? u.href : null;
  } catch {
    return null;
  }
}

export function renderNodes(nodes: MdNode[] | undefined, parent: Node): void {
  for (const node of nodes ?? []) parent.appendChild(renderNode(node));
}

function renderNode(node: MdNode): Node {
  if (node.type === 'text') return document.createTextNode(node.text ?? '');
  if (node.type === 'line_break') return document.createElement('br');
  const el = document.createElement(TAGS[node.type] ?? 'span');
  if (el instanceof HTMLAnchorElement) {
    // The core already checked the URL; check again, we are the last line.
    const href = safeUrl(node.href);
    if (href) {
      el.href = href;
      el.target = '_blank';
      el.rel = 'noopener noreferrer';
    }
  } else if (el instanceof HTMLOListElement && node.start && node.start !== 1) {
    el.start = node.start;
  }
  if (node.text !== undefined) el.textContent = node.text;
  renderNodes(node.children, el);
  return el;
}
