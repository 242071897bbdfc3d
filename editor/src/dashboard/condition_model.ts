// How the builders speak about an event condition: as an event, a page, an
// element click or a guide event, converted to and from the analytics API's
// {event, filters} (docs/analytics.md). Pages are `$page` events by `path`;
// elements are `cairn_click` events by the descriptor's `tag` and `text`
// (written "button 'Save'", the label rage/dead clicks carry as `selector`).
import type { EventCondition, PropertyFilter, PropertyValue } from './analytics_model';

export type ConditionKind = 'event' | 'page' | 'element' | 'guide';

export interface ConditionDraft {
  kind: ConditionKind;
  value: string;        // event name, page path, element label, or cairn_* guide event
  guideId: string;      // guide events only; "" = any guide
  filters: PropertyFilter[];
}

export const PAGE_EVENT = '$page';
export const CLICK_EVENT = 'cairn_click';
export const GUIDE_EVENTS = ['cairn_guide_seen', 'cairn_step_seen', 'cairn_step_completed', 'cairn_guide_dismissed',
  'cairn_target_missing', 'cairn_guide_completed'] as const;

export interface ElementLabel {
  tag: string;
  text: string;
}

// "button 'Save project'" → {tag: "button", text: "Save project"}; "div" → {tag: "div", text: ""}.
export function parseElementLabel(label: string): ElementLabel | null {
  const m = /^\s*([A-Za-z][\w-]*)(?:\s+'(.*)')?\s*$/.exec(label);
  return m ? { tag: m[1]!.toLowerCase(), text: m[2] ?? '' } : null;
}

export function elementLabel(tag: string, text: string): string {
  return text ? `${tag} '${text}'` : tag;
}

function eqValue(filters: PropertyFilter[], property: string): string | null {
  const f = filters.find((x) => x.property === property && x.op === 'eq' && typeof x.value === 'string');
  return f ? String(f.value) : null;
}

function without(filters: PropertyFilter[], ...properties: string[]): PropertyFilter[] {
  return filters.filter((f) => !(properties.includes(f.property) && f.op === 'eq'));
}

export function draftFromCondition(c: EventCondition): ConditionDraft {
  const filters = c.filters ?? [];
  if (c.event === PAGE_EVENT && eqValue(filters, 'path') !== null) {
    return { kind: 'page', value: eqValue(filters, 'path')!, guideId: '', filters: without(filters, 'path') };
  }
  if (c.event === CLICK_EVENT && eqValue(filters, 'tag') !== null) {
    return { kind: 'element', value: elementLabel(eqValue(filters, 'tag')!, eqValue(filters, 'text') ?? ''), guideId: '',
      filters: without(filters, 'tag', 'text') };
  }
  if ((GUIDE_EVENTS as readonly string[]).includes(c.event)) {
    return { kind: 'guide', value: c.event, guideId: eqValue(filters, 'guide_id') ?? '', filters: without(filters, 'guide_id') };
  }
  return { kind: 'event', value: c.event, guideId: '', filters };
}

// The API condition, or a message saying what is missing.
export function conditionFromDraft(d: ConditionDraft): EventCondition | string {
  const value = d.value.trim();
  const extra = d.filters.filter((f) => f.property.trim());
  const withFilters = (event: string, own: PropertyFilter[]): EventCondition =>
    (own.length + extra.length ? { event, filters: [...own, ...extra] } : { event });
  switch (d.kind) {
    case 'event':
      return value ? withFilters(value, []) : 'pick an event';
    case 'page':
      return value ? withFilters(PAGE_EVENT, [{ property: 'path', op: 'eq', value }]) : 'pick a page';
    case 'element': {
      const label = parseElementLabel(value);
      if (!label) return "pick an element (written like button 'Save')";
      const own: PropertyFilter[] = [{ property: 'tag', op: 'eq', value: label.tag }];
      if (label.text) own.push({ property: 'text', op: 'eq', value: label.text });
      return withFilters(CLICK_EVENT, own);
    }
    case 'guide':
      return withFilters(value || GUIDE_EVENTS[0], d.guideId ? [{ property: 'guide_id', op: 'eq', value: d.guideId }] : []);
  }
}

// A short human description: "Page /projects", "Click button 'Save'", "Project Created (plan = pro)".
export function describeCondition(c: EventCondition, guideName: (id: string) => string = (id) => id): string {
  const d = draftFromCondition(c);
  const extras = d.filters.map((f) => `${f.property} ${opText(f.op)} ${f.op === 'in' ? (f.values ?? []).join(', ') : String(f.value ?? '')}`);
  const suffix = extras.length ? ` (${extras.join('; ')})` : '';
  switch (d.kind) {
    case 'page': return `Page ${d.value}${suffix}`;
    case 'element': return `Click ${d.value}${suffix}`;
    case 'guide': return `${GUIDE_EVENT_LABELS[d.value] ?? d.value}${d.guideId ? `: ${guideName(d.guideId)}` : ''}${suffix}`;
    // The SDK's own event names are not what a customer-success reader knows:
    // a click matched by id (the sample's saved funnel) read "cairn_click (id = …)".
    case 'event': return `${d.value === PAGE_EVENT ? 'Any page view' : d.value === CLICK_EVENT ? 'Click' : d.value}${suffix}`;
  }
}

export const GUIDE_EVENT_LABELS: Record<string, string> = {
  cairn_guide_seen: 'Guide seen',
  cairn_step_seen: 'Guide step seen',
  cairn_step_completed: 'Guide step completed',
  cairn_guide_dismissed: 'Guide dismissed',
  cairn_target_missing: 'Guide target missing',
  cairn_guide_completed: 'Guide completed',
};

export function opText(op: PropertyFilter['op']): string {
  return { eq: '=', neq: '≠', in: 'in', contains: 'contains' }[op];
}

// Filter values typed as text: a plain number is a number ("3" and 3 are
// different values to analytics); wrap it in double quotes to mean the string.
export function parseFilterValue(text: string): PropertyValue {
  const t = text.trim();
  if (/^-?\d+(\.\d+)?$/.test(t)) return Number(t);
  const quoted = /^"(.*)"$/.exec(t);
  return quoted ? quoted[1]! : t;
}

export function filterValueText(v: PropertyValue | undefined): string {
  if (v === undefined) return '';
  return typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v) ? `"${v}"` : String(v);
}
