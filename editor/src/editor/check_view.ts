// The answer to "Check guide": for every step, whether its element was found
// on the page open in the app (found / ambiguous / missing), or why it was
// not checked (no target, another page).
import type { CheckResult } from '../shared/app_bridge';
import { h } from '../shared/dom';
import { describeElement } from './fingerprint_summary';

const STATUS_TEXT: Record<string, string> = {
  found: 'Found', ambiguous: 'Ambiguous: several elements match', missing: 'Missing on this page',
  no_target: 'No element to find', other_page: 'On another page',
};

export function checkView(result: CheckResult, onClose: () => void): HTMLElement {
  const close = h('button', { type: 'button', class: 'link-button' }, 'Close');
  close.addEventListener('click', onClose);
  return h('section', { class: 'card check-result', 'aria-labelledby': 'check-heading', tabindex: '-1' },
    h('h2', { id: 'check-heading' }, 'Check on ', h('code', {}, result.url)),
    h('table', {},
      h('thead', {}, h('tr', {}, h('th', {}, 'Step'), h('th', {}, 'Status'), h('th', { class: 'num' }, 'Confidence'), h('th', {}, 'Candidates'))),
      h('tbody', {}, result.steps.map((step) => h('tr', { class: `check-${step.status}`, 'data-step': step.step_id },
        h('td', {}, step.step_id),
        h('td', {}, h('span', { class: `badge badge-check-${step.status}` }, STATUS_TEXT[step.status] ?? step.status)),
        h('td', { class: 'num' }, typeof step.confidence === 'number' ? step.confidence.toFixed(2) : '—'),
        h('td', {}, (step.candidates ?? []).slice(0, 3).map((c) => h('div', {}, `${describeElement(c.summary)} (${c.score.toFixed(2)})`))))))),
    close);
}
