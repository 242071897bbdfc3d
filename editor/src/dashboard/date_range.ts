// Date ranges in the URL, so every view is a link a CS lead can share:
// `?days=7` (the last 7 days including today) or `?from=2026-11-01&to=2026-11-23`
// (whole days, both inclusive). Days are the browser's local days; queries get
// the half-open [from_ms, to_ms) the analytics API wants.
import { h } from '../shared/dom';
import type { OffsetChange, TrendInterval, TrendQuery } from './analytics_model';

export interface DateRange {
  from_ms: number;
  to_ms: number;
  label: string;
}

export const DEFAULT_DAYS = 30;
// The most days one per-day query may hold: the trends API's day_starts_ms
// limit (kMaxTrendDays, docs/analytics.md), ten years; also the longest `days`.
export const MAX_TREND_DAYS = 3660;
const PRESETS = [7, 14, 30, 90];
const DAY_MS = 86400000;
const HOUR_MS = 3600000;

// The start of the local day `days` after the one holding `ms`: its midnight,
// or, where a daylight-saving change skips midnight (America/Santiago,
// Asia/Beirut), the first instant the day has. Made from the calendar date,
// not by moving `ms`: a moved 01:00 stayed 01:00 on every later day.
function addDays(ms: number, days: number): number {
  const d = new Date(ms);
  return new Date(d.getFullYear(), d.getMonth(), d.getDate() + days).getTime();
}

function startOfDay(ms: number): number {
  return addDays(ms, 0);
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

// The `days` under `prefix` when it is a valid count, else null.
function daysFromQuery(query: URLSearchParams, prefix: string): number | null {
  const days = Number(query.get(`${prefix}days`));
  return Number.isInteger(days) && days >= 1 && days <= MAX_TREND_DAYS ? days : null;
}

// The range in `query` under `prefix` ("" or "compare_"), or null when absent/invalid.
export function rangeFromQuery(query: URLSearchParams, prefix = ''): DateRange | null {
  const days = daysFromQuery(query, prefix);
  if (days !== null) return lastDays(days);
  const from = parseDay(query.get(`${prefix}from`));
  const to = parseDay(query.get(`${prefix}to`));
  if (Number.isFinite(from) && Number.isFinite(to) && from <= to) return dayRange(from, to);
  return null;
}

// The range in a sentence: "in the last 7 days", "in 2026-11-01 – 2026-11-20".
export function inRange(range: DateRange): string {
  return range.label.startsWith('Last ') ? `in the ${range.label.toLowerCase()}` : `in ${range.label}`;
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

// The start of each local day in `range`: what the trends API cuts days at
// (its day_starts_ms). Not a step of 24 hours: a daylight-saving change makes
// its day 23 or 25 hours long, and the one offset sent before put the first
// hour of every day after a change in the day before.
export function dayStarts(range: DateRange): number[] {
  const starts: number[] = [];
  for (let i = 0; ; i++) {
    const start = addDays(range.from_ms, i);
    if (start >= range.to_ms) return starts;
    // A date a zone skipped (Pacific/Apia, 30 December 2011) starts where the next one does.
    if (start > (starts[starts.length - 1] ?? -Infinity)) starts.push(start);
  }
}

// Why `range` cannot be shown per day, for a card's message; null when it can.
// A longer range asked anyway is refused by the trends API (422), which the
// Overview showed as the API's "/day_starts_ms: has N day starts" error.
export function tooManyDays(range: DateRange): string | null {
  const days = dayStarts(range).length;
  if (days <= MAX_TREND_DAYS) return null;
  return `This range has ${days.toLocaleString('en')} days; per-day counts cover at most ${MAX_TREND_DAYS.toLocaleString('en')} days (ten years).`;
}

// The instants in `range` where this browser's zone changes its offset from
// UTC, each with the offset from then on. Found by looking at every hour and
// narrowing a change down to its millisecond (zones change at most a few
// times a year, never twice in an hour).
export function offsetChanges(range: DateRange): OffsetChange[] {
  const offsetAt = (ms: number) => -new Date(ms).getTimezoneOffset();
  const changes: OffsetChange[] = [];
  let before = range.from_ms;
  while (before < range.to_ms - 1) {
    const after = Math.min(before + HOUR_MS, range.to_ms - 1);
    if (offsetAt(after) !== offsetAt(before)) {
      let lo = before, hi = after;  // offsetAt(lo) is the old offset, offsetAt(hi) the new.
      while (hi - lo > 1) {
        const mid = Math.floor((lo + hi) / 2);
        if (offsetAt(mid) === offsetAt(lo)) lo = mid; else hi = mid;
      }
      changes.push({ at_ms: hi, utc_offset_minutes: offsetAt(hi) });
    }
    before = after;
  }
  return changes;
}

// How the trends API is to cut `range` into `interval`s in this browser's
// time zone: days at their local starts; hours at the zone's local hours,
// with its offset at the range's start and each change in the range (one
// offset started every hour after Lord Howe's half-hour change at half past).
export function trendBuckets(range: DateRange, interval: TrendInterval): Pick<TrendQuery, 'day_starts_ms' | 'utc_offset_minutes' | 'utc_offset_changes'> {
  if (interval === 'day') return { day_starts_ms: dayStarts(range) };
  const changes = offsetChanges(range);
  return { utc_offset_minutes: -new Date(range.from_ms).getTimezoneOffset(), ...(changes.length ? { utc_offset_changes: changes } : {}) };
}

// A bucket's start as a table's export has it: a day's local date
// ("2026-10-26"), an hour's local time with its offset ("2026-10-25T02:00+01:00",
// so the hour a change repeats is told apart). The UTC instant exported
// before read as the day before east of UTC: Monday 26 October in Berlin was
// "2026-10-25T23:00:00.000Z".
export function exportedBucketStart(ms: number, interval: TrendInterval): string {
  if (interval === 'day') return isoDay(ms);
  const d = new Date(ms);
  const offset = -d.getTimezoneOffset();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${isoDay(ms)}T${pad(d.getHours())}:${pad(d.getMinutes())}${offset < 0 ? '-' : '+'}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`;
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
  const days = daysFromQuery(query, prefix);
  // A shared link may name any number of days (?days=28): it gets its own
  // option, so the select never shows a preset the data is not for.
  const choices = days !== null && !PRESETS.includes(days) ? [...PRESETS, days].sort((a, b) => a - b) : PRESETS;
  const id = `${prefix}range`;
  const select = h('select', { id, 'aria-label': label },
    allowNone ? h('option', { value: '', selected: !current }, 'None') : null,
    choices.map((d) => h('option', { value: String(d), selected: days === d || (!current && !allowNone && d === defaultDays) }, `Last ${d} days`)),
    h('option', { value: 'custom', selected: !!current && days === null }, 'Custom…'));
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
