// The picker for one event condition (a funnel step, an exclusion, a trend
// series): what kind of thing (event, page, element click, guide event), which
// one — suggested from the app's catalog, or typed when there is none — and
// optional property filters.
import { h } from '../shared/dom';
import type { Catalog, EventCondition, FilterOp, GuideSummary, PropertyFilter } from './analytics_model';
import {
  conditionFromDraft, draftFromCondition, elementLabel, filterValueText, GUIDE_EVENT_LABELS, GUIDE_EVENTS, parseFilterValue,
  type ConditionDraft, type ConditionKind,
} from './condition_model';

const LIST = { event: 'catalog-events', page: 'catalog-pages', element: 'catalog-elements', property: 'catalog-properties' } as const;

// The suggestion lists every condition editor of a view points at (one copy per view).
export function catalogDatalists(catalog: Catalog | null): HTMLElement {
  const options = (values: string[]) => [...new Set(values)].map((v) => h('option', { value: v }));
  return h('div', { hidden: true },
    h('datalist', { id: LIST.event }, options(['$page', ...(catalog?.track_events ?? []).map((e) => e.name)])),
    h('datalist', { id: LIST.page }, options((catalog?.pages ?? []).map((p) => p.path))),
    h('datalist', { id: LIST.element }, options((catalog?.clicks ?? []).map((c) => elementLabel(c.tag, c.text)))),
    h('datalist', { id: LIST.property }, options([...(catalog?.track_events ?? []), ...(catalog?.cairn_events ?? [])]
      .flatMap((e) => e.properties.map((p) => p.key)))));
}

export interface ConditionEditor {
  element: HTMLElement;
  // The condition, or a message naming what is missing.
  value(): EventCondition | string;
}

let nextId = 1;

export function conditionEditor(initial: EventCondition | null, guides: GuideSummary[], label: string, onRemove?: () => void): ConditionEditor {
  const draft: ConditionDraft = initial ? draftFromCondition(initial) : { kind: 'event', value: '', guideId: '', filters: [] };
  const id = `cond-${nextId++}`;
  const kind = h('select', { id: `${id}-kind`, 'aria-label': `${label}: kind`, class: 'cond-kind' },
    ([['event', 'Event'], ['page', 'Page view'], ['element', 'Element click'], ['guide', 'Guide event']] as const)
      .map(([v, text]) => h('option', { value: v, selected: draft.kind === v }, text)));
  const valueInput = h('input', { id: `${id}-value`, class: 'cond-value', 'aria-label': `${label}: which`, value: draft.kind === 'guide' ? '' : draft.value });
  const guideEvent = h('select', { 'aria-label': `${label}: guide event`, class: 'cond-guide-event' },
    GUIDE_EVENTS.map((e) => h('option', { value: e, selected: draft.value === e }, GUIDE_EVENT_LABELS[e] ?? e)));
  const guideSelect = h('select', { 'aria-label': `${label}: guide`, class: 'cond-guide' },
    h('option', { value: '' }, 'Any guide'),
    guides.map((g) => h('option', { value: g.id, selected: draft.guideId === g.id }, g.name)),
    draft.guideId && !guides.some((g) => g.id === draft.guideId) ? h('option', { value: draft.guideId, selected: true }, draft.guideId) : null);
  const filterList = h('div', { class: 'cond-filters' });
  const filterRows: Array<() => PropertyFilter> = [];

  const addFilter = (f: PropertyFilter | null) => {
    const property = h('input', { 'aria-label': `${label}: filter property`, list: LIST.property, placeholder: 'property', value: f?.property ?? '', class: 'filter-property' });
    const op = h('select', { 'aria-label': `${label}: filter operator`, class: 'filter-op' },
      (['eq', 'neq', 'in', 'contains'] as FilterOp[]).map((o) => h('option', { value: o, selected: (f?.op ?? 'eq') === o },
        { eq: 'is', neq: 'is not', in: 'is one of', contains: 'contains' }[o])));
    const value = h('input', { 'aria-label': `${label}: filter value`, placeholder: 'value (a, b for "is one of")', class: 'filter-value',
      value: f ? (f.op === 'in' ? (f.values ?? []).map(filterValueText).join(', ') : filterValueText(f.value)) : '' });
    const read = (): PropertyFilter => {
      const o = op.value as FilterOp;
      if (o === 'in') return { property: property.value.trim(), op: o, values: value.value.split(',').filter((v) => v.trim()).map(parseFilterValue) };
      const v = o === 'contains' ? value.value : parseFilterValue(value.value);
      return { property: property.value.trim(), op: o, value: typeof v === 'number' && o === 'contains' ? String(v) : v };
    };
    const remove = h('button', { type: 'button', class: 'small', 'aria-label': `${label}: remove filter` }, '×');
    const row = h('div', { class: 'filter-row' }, h('span', { class: 'muted' }, 'where'), property, op, value, remove);
    filterRows.push(read);
    // Focus must not fall to the page's start when the focused control goes away.
    remove.addEventListener('click', () => { filterRows.splice(filterRows.indexOf(read), 1); row.remove(); addFilterButton.focus(); });
    filterList.append(row);
    return property;
  };
  const addFilterButton = h('button', { type: 'button', class: 'small link-button' }, '+ filter');
  draft.filters.forEach(addFilter);
  addFilterButton.addEventListener('click', () => addFilter(null).focus());

  const sync = () => {
    const k = kind.value as ConditionKind;
    valueInput.hidden = k === 'guide';
    guideEvent.hidden = guideSelect.hidden = k !== 'guide';
    valueInput.setAttribute('list', LIST[k === 'guide' ? 'event' : k]);
    valueInput.placeholder = { event: 'event name', page: '/path', element: "button 'Save'", guide: '' }[k];
  };
  kind.addEventListener('change', () => { valueInput.value = ''; sync(); });
  sync();

  const remove = onRemove ? h('button', { type: 'button', class: 'small', 'aria-label': `Remove ${label}` }, 'Remove') : null;
  remove?.addEventListener('click', onRemove!);
  const element = h('div', { class: 'condition' },
    h('div', { class: 'cond-main' }, h('span', { class: 'cond-label' }, label), kind, valueInput, guideEvent, guideSelect, addFilterButton, remove),
    filterList);
  return {
    element,
    value() {
      const k = kind.value as ConditionKind;
      return conditionFromDraft({ kind: k, value: k === 'guide' ? guideEvent.value : valueInput.value, guideId: k === 'guide' ? guideSelect.value : '',
        filters: filterRows.map((read) => read()) });
    },
  };
}

export interface ConditionList {
  element: HTMLElement;           // the list and its "add" button
  editors(): ConditionEditor[];   // in order
}

// An ordered list of condition editors (funnel steps, trend series) with
// add and remove, kept between `min` and `max` entries and numbered by `label`.
// `onCount` hears the number of entries after each add and remove.
export function conditionList(initial: Array<EventCondition | null>, guides: GuideSummary[],
  { label, min, max, addText, onCount }: { label(i: number): string; min: number; max: number; addText: string; onCount?(n: number): void }): ConditionList {
  const editors: ConditionEditor[] = [];
  const list = h('ol', { class: 'condition-list' });
  const add = h('button', { type: 'button', class: 'small' }, addText);
  // After a removal the entries below move up: their visible numbers and the
  // accessible names of their controls ("Step 3: kind", "Remove Step 3") change
  // together, and Remove is disabled while only `min` entries are left.
  const renumber = () => {
    [...list.children].forEach((li, i) => {
      const l = li.querySelector('.cond-label');
      if (!l) return;
      const before = l.textContent ?? '';
      const after = label(i);
      l.textContent = after;
      if (before !== after) {
        li.querySelectorAll('[aria-label]').forEach((e) => e.setAttribute('aria-label', e.getAttribute('aria-label')!.replace(before, after)));
      }
      const remove = li.querySelector<HTMLButtonElement>('.cond-main > button[aria-label^="Remove "]');
      if (remove) remove.disabled = editors.length <= min;
    });
    add.disabled = editors.length >= max;
    onCount?.(editors.length);
  };
  const push = (c: EventCondition | null) => {
    const li = h('li', {});
    const editor = conditionEditor(c, guides, label(editors.length), () => {
      if (editors.length <= min) return;
      const next = li.nextElementSibling ?? li.previousElementSibling;
      editors.splice(editors.indexOf(editor), 1);
      li.remove();
      renumber();
      // Focus moves to the neighbouring entry rather than to the page's start.
      next?.querySelector<HTMLElement>('.cond-kind')?.focus();
    });
    li.append(editor.element);
    editors.push(editor);
    list.append(li);
    renumber();
    return li;
  };
  add.addEventListener('click', () => {
    if (editors.length >= max) return;
    // The new entry takes the focus (when the list is full the button is disabled).
    push(null).querySelector<HTMLElement>('.cond-kind')?.focus();
  });
  initial.forEach(push);
  while (editors.length < min) push(null);
  return { element: h('div', {}, list, add), editors: () => [...editors] };
}
