// The funnel form: steps (2–20 conditions), conversion window, order mode,
// counting, exclusions between steps, and a breakdown property. read() gives
// the definition or every problem in words; the collector re-checks all of it
// and its problems (with pointers) are shown too.
import { h } from '../../shared/dom';
import type { EventCondition, FunnelCount, FunnelOrder, GuideSummary } from '../analytics_model';
import { conditionEditor, conditionList, type ConditionEditor } from '../condition_editor';
import type { FunnelDefinition } from '../saved_funnels';

const MAX_STEPS = 20;
const MAX_EXCLUSIONS = 20;
const UNITS = [['minutes', 60000], ['hours', 3600000], ['days', 86400000]] as const;
// The collector's longest conversion window (docs/analytics.md, "1 ms–366 days"):
// checked here to say it in the form's words, not as "window ms: … 31622400000".
const MAX_WINDOW_DAYS = 366;

export interface FunnelBuilder {
  element: HTMLElement;
  read(): FunnelDefinition | string[];
}

function windowParts(ms: number): { amount: number; unit: number } {
  for (let i = UNITS.length - 1; i >= 0; i--) {
    const size = UNITS[i]![1];
    if (ms % size === 0) return { amount: ms / size, unit: size };
  }
  return { amount: Math.max(1, Math.round(ms / 60000)), unit: 60000 };
}

// The "between step k and k+1" choices of an exclusion: only the pairs a
// funnel of `stepCount` steps has. A pair a removed step took away stays
// chosen, marked, and read() names it: never moved to another pair unasked.
function offerPairs(after: HTMLSelectElement, stepCount: number, chosen: number): void {
  const pairs = Array.from({ length: stepCount - 1 }, (_, i) => i + 1);
  if (chosen > pairs.length) pairs.push(chosen);
  after.replaceChildren(...pairs.map((k) => h('option', { value: k, selected: k === chosen },
    k < stepCount ? `between step ${k} and ${k + 1}` : `between step ${k} and ${k + 1} (no step ${k + 1})`)));
}

export function funnelBuilder(initial: FunnelDefinition, guides: GuideSummary[]): FunnelBuilder {
  const exclusions: Array<{ editor: ConditionEditor; after: HTMLSelectElement }> = [];
  const steps = conditionList(initial.steps, guides, { label: (i) => `Step ${i + 1}`, min: 2, max: MAX_STEPS, addText: '+ Add step',
    onCount: (n) => exclusions.forEach((x) => offerPairs(x.after, n, Number(x.after.value))) });

  const { amount, unit } = windowParts(initial.window_ms ?? 86400000);
  const windowAmount = h('input', { id: 'funnel-window', type: 'number', min: 1, step: 1, value: amount, class: 'narrow' });
  const windowUnit = h('select', { id: 'funnel-window-unit', 'aria-label': 'Window unit' },
    UNITS.map(([label, size]) => h('option', { value: size, selected: size === unit }, label)));
  const order = h('select', { id: 'funnel-order' },
    ([['ordered', 'In this order (other events may come between)'], ['strict', 'Strictly in order (no other step between)'], ['any', 'In any order']] as const)
      .map(([v, text]) => h('option', { value: v, selected: (initial.order ?? 'ordered') === v }, text)));
  const count = h('select', { id: 'funnel-count' },
    ([['unique_users', 'Unique users'], ['totals', 'Every attempt (totals)']] as const)
      .map(([v, text]) => h('option', { value: v, selected: (initial.count ?? 'unique_users') === v }, text)));

  const exclusionList = h('div', { class: 'exclusion-list' });
  const pushExclusion = (c: EventCondition | null, afterStep: number) => {
    const after = h('select', { 'aria-label': 'Between step', class: 'exclusion-after' });
    offerPairs(after, steps.editors().length, afterStep);
    let row: HTMLElement;
    const entry = { editor: conditionEditor(c, guides, 'Not', () => {
      exclusions.splice(exclusions.indexOf(entry), 1);
      row.remove();
      addExclusion.focus();  // Not the page's start.
    }), after };
    row = h('div', { class: 'exclusion' }, entry.editor.element, after);
    exclusions.push(entry);
    exclusionList.append(row);
    return row;
  };
  const addExclusion = h('button', { type: 'button', class: 'small' }, '+ Exclude users who…');
  (initial.exclusions ?? []).forEach((x) => pushExclusion(x, x.after_step));
  addExclusion.addEventListener('click', () => {
    if (exclusions.length < MAX_EXCLUSIONS) pushExclusion(null, 1).querySelector<HTMLElement>('.cond-kind')?.focus();
  });

  const breakdown = h('input', { id: 'funnel-breakdown', list: 'catalog-properties', placeholder: 'property, e.g. plan', value: initial.breakdown?.property ?? '' });
  const breakdownLimit = h('input', { id: 'funnel-breakdown-limit', type: 'number', min: 1, max: 100, value: initial.breakdown?.limit ?? 5, class: 'narrow', 'aria-label': 'Breakdown: values shown' });

  const element = h('div', { class: 'funnel-builder card' },
    h('h2', {}, 'Steps'), h('div', { class: 'funnel-steps' }, steps.element),
    h('div', { class: 'form-grid' },
      h('label', { for: 'funnel-window' }, 'Converted within'), h('span', {}, windowAmount, ' ', windowUnit),
      h('label', { for: 'funnel-order' }, 'Order'), order,
      h('label', { for: 'funnel-count' }, 'Count'), count,
      h('label', { for: 'funnel-breakdown' }, 'Break down by'), h('span', {}, breakdown, ' top ', breakdownLimit, ' values')),
    h('h2', {}, 'Exclusions'), exclusionList, addExclusion);

  return {
    element,
    read() {
      const problems: string[] = [];
      const conditions = steps.editors().map((s, i) => {
        const v = s.value();
        if (typeof v === 'string') problems.push(`Step ${i + 1}: ${v}`);
        return v;
      });
      const windowMs = Number(windowAmount.value) * Number(windowUnit.value);
      if (!(windowMs >= 1)) problems.push('Converted within: must be at least 1 minute.');
      else if (windowMs > MAX_WINDOW_DAYS * 86400000) problems.push(`Converted within: must be at most ${MAX_WINDOW_DAYS} days.`);
      const xs = exclusions.map((x, i) => {
        const v = x.editor.value();
        if (typeof v === 'string') problems.push(`Exclusion ${i + 1}: ${v}`);
        const afterStep = Number(x.after.value);
        if (afterStep >= conditions.length) problems.push(`Exclusion ${i + 1}: there is no step ${afterStep + 1}`);
        return typeof v === 'string' ? null : { ...v, after_step: afterStep };
      }).filter((x) => x !== null);
      if (order.value === 'any' && xs.length) problems.push('Exclusions need an order (they apply between two steps); remove them or choose an ordered mode.');
      if (problems.length) return problems;
      const definition: FunnelDefinition = {
        steps: conditions as EventCondition[], window_ms: windowMs, order: order.value as FunnelOrder, count: count.value as FunnelCount,
      };
      if (xs.length) definition.exclusions = xs;
      if (breakdown.value.trim()) definition.breakdown = { property: breakdown.value.trim(), limit: Math.min(100, Math.max(1, Number(breakdownLimit.value) || 5)) };
      return definition;
    },
  };
}
