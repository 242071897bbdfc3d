// The box every step kind is built from: title, body, media, progress, buttons
// and a close button, with the ARIA wiring (labelled by the title, described by
// the body). Buttons report actions; the card itself decides nothing.
import { renderNodes, safeUrl } from './content_nodes';
import type { ButtonView, StepView, UserAction } from './step_view';
import { word } from './ui_words';

export type ActionSink = (action: UserAction) => void;
// Reports an action on the shown step to the sink (with the step's guide id).
export type Report = (kind: UserAction['kind'], extra?: Partial<UserAction>) => void;

let nextId = 0;

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}

export function buildCard(view: StepView, report: Report, tag: 'div' | 'dialog' = 'div', className = ''): HTMLElement {
  const box = el(tag, ('c ' + className).trim());
  const id = (box.id = 'cairn-' + ++nextId);
  box.setAttribute('data-cairn-step', view.kind);
  box.setAttribute('data-guide', view.guideId);
  box.tabIndex = -1;
  // A screen reader reads it with that language's voice; hyphens and quotes follow it.
  if (view.lang) box.lang = view.lang;
  const close = el('button', 'x', '×');
  close.setAttribute('aria-label', word(view, 'close'));
  close.addEventListener('click', () => report('dismiss', { reason: 'close_button' }));
  box.appendChild(close);
  if (view.title) {
    const title = el('div', 't', view.title);
    title.id = id + '-t';
    box.setAttribute('aria-labelledby', title.id);
    box.appendChild(title);
  }
  const media = view.media && safeUrl(view.media.url);
  if (media) {
    const m = view.media!.kind === 'video' ? el('video', 'm') : el('img', 'm');
    m.src = media;
    if (m instanceof HTMLImageElement) m.alt = view.media!.alt ?? '';
    else m.controls = true;
    box.appendChild(m);
  }
  if (view.body?.length) {
    const body = el('div', 'b');
    body.id = id + '-b';
    box.setAttribute('aria-describedby', body.id);
    renderNodes(view.body, body);
    box.appendChild(body);
  }
  return box;
}

// The step's place in a longer guide ("2 / 3", on every kind of card), then
// `buttons` (a survey's Submit is its own).
export function buildFooter(view: StepView, report: Report, buttons = view.buttons): HTMLElement {
  const footer = el('div', 'f');
  // "2 / 3" is read "2 slash 3": screen readers read the words instead.
  if (view.stepCount > 1) {
    footer.appendChild(el('span', 'p', `${view.stepIndex + 1} / ${view.stepCount}`)).setAttribute('aria-hidden', 'true');
    footer.appendChild(el('span', 'vh', word(view, 'step_of', { n: view.stepIndex + 1, total: view.stepCount })));
  }
  (buttons ?? []).forEach((b, i) => footer.appendChild(buildButton(b, i, report)));
  return footer;
}

function buildButton(b: ButtonView, index: number, report: Report): HTMLElement {
  const style = b.style ?? (b.action === 'back' || b.action === 'dismiss' ? 'secondary' : 'primary');
  const button = el('button', style, b.label);
  button.type = 'button';
  button.setAttribute('data-action', b.action);
  // What the button does (next, a URL, another guide) is the core's decision.
  button.addEventListener('click', () => report('button', { button: index }));
  return button;
}
