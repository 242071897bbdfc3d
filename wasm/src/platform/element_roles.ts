// The implicit ARIA role of an element (docs/fingerprint.md: `role`), from the
// tag and the few attributes that change it. A short table, not full ARIA-in-HTML:
// the matcher needs a stable identity signal, not a screen reader's exact answer.
const BY_TAG: Record<string, string> = {
  button: 'button', nav: 'navigation', main: 'main', header: 'banner', footer: 'contentinfo',
  aside: 'complementary', form: 'form', dialog: 'dialog', ul: 'list', ol: 'list', li: 'listitem',
  table: 'table', tr: 'row', td: 'cell', th: 'columnheader', textarea: 'textbox',
  select: 'combobox', option: 'option', h1: 'heading', h2: 'heading', h3: 'heading',
  h4: 'heading', h5: 'heading', h6: 'heading', img: 'img', progress: 'progressbar',
  summary: 'button', article: 'article', section: 'region', menu: 'list', hr: 'separator',
};

const BY_INPUT_TYPE: Record<string, string> = {
  button: 'button', submit: 'button', reset: 'button', image: 'button', checkbox: 'checkbox',
  radio: 'radio', range: 'slider', number: 'spinbutton', search: 'searchbox',
};

export function roleOf(el: Element): string {
  const explicit = el.getAttribute('role');
  if (explicit) return explicit.trim().split(/\s+/)[0]!;
  const tag = el.localName;
  if (tag === 'a' || tag === 'area') return el.hasAttribute('href') ? 'link' : '';
  if (tag === 'input') {
    const type = (el.getAttribute('type') || 'text').toLowerCase();
    return BY_INPUT_TYPE[type] ?? (type === 'hidden' ? '' : 'textbox');
  }
  return BY_TAG[tag] ?? '';
}
