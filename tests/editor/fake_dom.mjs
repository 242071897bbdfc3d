// Just enough of the DOM for the editor's builders (shared/dom.ts h(), text
// nodes, fragments) to run under node, plus a serializer that escapes text
// and attribute values the way a browser does, so a test can compare the
// rendered tree with what was expected and see that text stayed text.
class Node {
  constructor(nodeType) { this.nodeType = nodeType; this.childNodes = []; this.parentNode = null; }
  appendChild(child) {
    if (child.nodeType === 11) { for (const c of [...child.childNodes]) this.appendChild(c); child.childNodes = []; return child; }
    child.parentNode?.childNodes.splice(child.parentNode.childNodes.indexOf(child), 1);
    child.parentNode = this;
    this.childNodes.push(child);
    return child;
  }
  append(...children) { for (const c of children) this.appendChild(typeof c === 'string' ? new Text(c) : c); }
  replaceChildren(...children) { for (const c of this.childNodes) c.parentNode = null; this.childNodes = []; this.append(...children); }
  get textContent() { return this.childNodes.map((c) => c.textContent).join(''); }
  get isConnected() { return false; }
}

class Text extends Node {
  constructor(data) { super(3); this.data = String(data); }
  get textContent() { return this.data; }
}

class Element extends Node {
  constructor(tagName) {
    super(1); this.tagName = tagName.toUpperCase(); this.attributes = new Map(); this.listeners = []; this.dataset = {};
    const properties = new Map();
    this.style = { setProperty: (name, value) => properties.set(name, String(value)), getPropertyValue: (name) => properties.get(name) ?? '' };
  }
  setAttribute(name, value) { this.attributes.set(name.toLowerCase(), String(value)); }
  getAttribute(name) { return this.attributes.get(name.toLowerCase()) ?? null; }
  hasAttribute(name) { return this.attributes.has(name.toLowerCase()); }
  removeAttribute(name) { this.attributes.delete(name.toLowerCase()); }
  set className(value) { this.setAttribute('class', value); }
  get className() { return this.getAttribute('class') ?? ''; }
  get classList() {
    const names = () => this.className.split(' ').filter(Boolean);
    return {
      add: (...more) => { this.className = [...new Set([...names(), ...more])].join(' '); },
      contains: (name) => names().includes(name),
    };
  }
  addEventListener(type, listener) { this.listeners.push([type, listener]); }
  removeEventListener() {}
  get children() { return this.childNodes.filter((c) => c.nodeType === 1); }
  // Every element below this one, depth first.
  descendants() { return this.children.flatMap((c) => [c, ...c.descendants()]); }
  // Tag-name selectors only.
  querySelector(tag) { return this.descendants().find((e) => e.tagName === tag.toUpperCase()) ?? null; }
  // Comma-separated tag names; other selectors match nothing.
  querySelectorAll(selectors) {
    const tags = selectors.split(',').map((s) => s.trim().toUpperCase());
    return this.descendants().filter((e) => tags.includes(e.tagName));
  }
  after(node) {
    const siblings = this.parentNode.childNodes;
    node.parentNode?.childNodes.splice(node.parentNode.childNodes.indexOf(node), 1);
    node.parentNode = this.parentNode;
    siblings.splice(siblings.indexOf(this) + 1, 0, node);
  }
}

class DocumentFragment extends Node {
  constructor() { super(11); }
  get children() { return this.childNodes.filter((c) => c.nodeType === 1); }
  descendants() { return this.children.flatMap((c) => [c, ...c.descendants()]); }
}

const escapeText = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escapeAttribute = (s) => escapeText(s).replace(/"/g, '&quot;');

// HTML for a node tree, as innerHTML would read.
export function serialize(node) {
  if (node.nodeType === 3) return escapeText(node.data);
  const inner = node.childNodes.map(serialize).join('');
  if (node.nodeType !== 1) return inner;
  const tag = node.tagName.toLowerCase();
  const attributes = [...node.attributes].map(([k, v]) => ` ${k}="${escapeAttribute(v)}"`).join('');
  return tag === 'br' ? `<${tag}${attributes}>` : `<${tag}${attributes}>${inner}</${tag}>`;
}

// Installs `document` (and `window` with the real timers) on globalThis.
export function installFakeDom() {
  globalThis.document ??= {
    createElement: (tag) => new Element(tag),
    createTextNode: (data) => new Text(data),
    createDocumentFragment: () => new DocumentFragment(),
  };
  globalThis.window ??= { setTimeout, clearTimeout };
}
