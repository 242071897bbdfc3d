// The answer to "Check guide": for every step, whether its element was found
// on the page open in the app (found / ambiguous / missing), or why it was
// not checked (no target, another page), and for found elements how
// reliably they will be found again (target_reliability.ts).
import type { CheckResult } from '../shared/app_bridge';
import { h, scrollingTable } from '../shared/dom';
import { describeElement } from './fingerprint_summary';
import { reliabilityVerdict } from './target_reliability';

const STATUS_TEXT: Record<string, string> = {
  found: 'Found', ambiguous: 'Ambiguous: several elements match', missing: 'Missing on this page',
  no_target: 'No element to find', other_page: 'On another page',
};

export function checkView(result: CheckResult, onClose: () => void): HTMLElement {
  const close = h('button', { type: 'button', class: 'link-button' }, 'Close');
  close.addEventListener('click', onClose);
  return h('section', { class: 'card check-result', 'aria-labelledby': 'check-heading', tabindex: '-1' },
    h('h2', { id: 'check-heading' }, 'Check on ', h('code', {}, result.url)),
    scrollingTable(h('table', {},
      h('thead', {}, h('tr', {}, h('th', {}, 'Step'), h('th', {}, 'Status'), h('th', { class: 'num' }, 'Confidence'), h('th', {}, 'Reliability'), h('th', {}, 'Candidates'))),
      h('tbody', {}, result.steps.map((step) => h('tr', { class: `check-${step.status}`, 'data-step': step.step_id },
        h('td', {}, step.step_id),
        h('td', {}, h('span', { class: `badge badge-check-${step.status}` }, STATUS_TEXT[step.status] ?? step.status)),
        h('td', { class: 'num' }, typeof step.confidence === 'number' ? step.confidence.toFixed(2) : '—'),
        reliabilityCell(step),
        h('td', {}, (step.candidates ?? []).slice(0, 3).map((c) => h('div', {}, `${describeElement(c.summary)} (${c.score.toFixed(2)})`)))))))),
    close);
}

// The verdict's first word ("Fragile") in bold; the rest is the author's to
// act on unless the element is reliable (then only for screen readers and on
// hover). "—" when the check has none.
function reliabilityCell(step: CheckResult['steps'][number]): HTMLElement {
  const verdict = reliabilityVerdict(step);
  if (!verdict) return h('td', {}, '—');
  const [word, ...rest] = verdict.text.split(': ');
  const explanation = rest.join(': ');
  return h('td', { class: 'check-reliability', 'data-level': verdict.level, title: verdict.text },
    h('strong', {}, word),
    verdict.level === 'reliable' ? h('span', { class: 'sr-only' }, `: ${explanation}`) : h('div', { class: 'hint' }, explanation));
}
