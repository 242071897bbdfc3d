// Date ranges in the URL, so every view is a link a CS lead can share:
// `?days=7` (the last 7 days including today) or `?from=2026-11-01&to=2026-11-23`
// (whole days, both inclusive). Days are the browser's local days; queries get
// the half-open [from_ms, to_ms) the analytics API wants.
import { h } from '../shared/dom';

export interface DateRange {
  from_ms: number;
  to_ms: number;
  label: string;
}

export const DEFAULT_DAYS = 30;
const PRESETS = [7, 14, 30, 90];
const DAY_MS = 86400000;

function startOfDay(ms: number): number {
  const d = new Date(ms);
  d.setHours(0, 0, 0, 0);
  return d.getTime();
}

function addDays(ms: number, days: number): number {
  const d = new Date(ms);
  d.setDate(d.getDate() + days);
  return d.getTime();
}

// "2026-11-23" → local midnight of that day; NaN when malformed.
function parseDay(text: string | null): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text ?? '');
  if (!m) return NaN;
  const d = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return d.getMonth() === Number(m[2]) - 1 ? d.getTime() : NaN;
}

export function isoDay(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export function lastDays(days: number, now = Date.now()): DateRange {
  const to = addDays(startOfDay(now), 1);
  return { from_ms: addDays(to, -days), to_ms: to, label: `Last ${days} days` };
}

export function dayRange(fromDay: number, toDayInclusive: number): DateRange {
  return { from_ms: fromDay, to_ms: addDays(toDayInclusive, 1), label: `${isoDay(fromDay)} – ${isoDay(toDayInclusive)}` };
}

// The range in `query` under `prefix` ("" or "compare_"), or null when absent/invalid.
export function rangeFromQuery(query: URLSearchParams, prefix = ''): DateRange | null {
  const days = Number(query.get(`${prefix}days`));
  if (Number.isInteger(days) && days >= 1 && days <= 3660) return lastDays(days);
  const from = parseDay(query.get(`${prefix}from`));
  const to = parseDay(query.get(`${prefix}to`));
  if (Number.isFinite(from) && Number.isFinite(to) && from <= to) return dayRange(from, to);
  return null;
}

export function rangeOrDefault(query: URLSearchParams): DateRange {
  return rangeFromQuery(query) ?? lastDays(DEFAULT_DAYS);
}

// The range of the same length that ends where `range` starts.
export function previousRange(range: DateRange): DateRange {
  const days = Math.round((range.to_ms - range.from_ms) / DAY_MS);
  const to = range.from_ms;
  return { from_ms: addDays(to, -days), to_ms: to, label: `Previous ${days} days` };
}

// The offset the trends API aligns day buckets with (the browser's zone at `ms`).
export function utcOffsetMinutes(ms: number): number {
  return -new Date(ms).getTimezoneOffset();
}

export function formatDay(ms: number): string {
  return new Date(ms).toLocaleDateString(undefined, { month: 'short', day: 'numeric' });
}

export function formatHour(ms: number): string {
  return new Date(ms).toLocaleString(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
}

// A preset select plus two day inputs. `onChange` gets the query parameters
// to set (the others under `prefix` are removed).
export function rangePicker(query: URLSearchParams, onChange: (params: Record<string, string>) => void,
  { prefix = '', label = 'Date range', allowNone = false, defaultDays = DEFAULT_DAYS } = {}): HTMLElement {
  const current = rangeFromQuery(query, prefix);
  const presetDays = query.get(`${prefix}days`);
  const id = `${prefix}range`;
  const select = h('select', { id, 'aria-label': label },
    allowNone ? h('option', { value: '', selected: !current }, 'None') : null,
    PRESETS.map((d) => h('option', { value: String(d), selected: presetDays === String(d) || (!current && !allowNone && d === defaultDays) }, `Last ${d} days`)),
    h('option', { value: 'custom', selected: !!current && !presetDays }, 'Custom…'));
  const fallback = current ?? lastDays(defaultDays);
  const from = h('input', { type: 'date', id: `${prefix}from`, 'aria-label': `${label}: first day`, value: isoDay(fallback.from_ms) });
  const to = h('input', { type: 'date', id: `${prefix}to`, 'aria-label': `${label}: last day`, value: isoDay(fallback.to_ms - 1) });
  const custom = h('span', { class: 'range-custom' }, from, h('span', { 'aria-hidden': 'true' }, '–'), to);
  const sync = () => { custom.hidden = select.value !== 'custom'; };
  select.addEventListener('change', () => {
    sync();
    if (select.value === 'custom') return;
    onChange(select.value ? { [`${prefix}days`]: select.value } : {});
  });
  const applyCustom = () => {
    if (parseDay(from.value) <= parseDay(to.value)) onChange({ [`${prefix}from`]: from.value, [`${prefix}to`]: to.value });
  };
  from.addEventListener('change', applyCustom);
  to.addEventListener('change', applyCustom);
  sync();
  return h('span', { class: 'range-picker' }, h('label', { for: id, class: 'inline-label' }, label), select, custom);
}

// `query` with the range parameters under `prefix` replaced by `params`.
export function withRange(query: URLSearchParams, params: Record<string, string>, prefix = ''): URLSearchParams {
  const next = new URLSearchParams(query);
  for (const key of ['days', 'from', 'to']) next.delete(`${prefix}${key}`);
  for (const [k, v] of Object.entries(params)) next.set(k, v);
  return next;
}
