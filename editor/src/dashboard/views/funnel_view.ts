// Funnel builder and results: the form, the funnel chart with conversion and
// drop-off per step and time to convert, a breakdown, a comparison with a
// second date range, "who dropped?" lists, and the team's saved funnels (on
// the collector). The funnel is in the URL (`funnel=<json>` or `saved=<id>`),
// so a result is a link.
import { ApiError } from '../../shared/api';
import { formatDateTime, h } from '../../shared/dom';
import { ChartCard } from '../../shared/charts/chart_card';
import { formatDuration, formatPercent, formatPointChange } from '../../shared/charts/format';
import { funnelChart } from '../../shared/charts/funnel_chart';
import type { Column } from '../../shared/charts/data_table';
import { describeError, notify } from '../../shared/notices';
import type { FunnelQuery, FunnelResult, FunnelStepResult, GuideSummary } from '../analytics_model';
import { catalogDatalists } from '../condition_editor';
import { describeCondition } from '../condition_model';
import { inRange, isoDay, rangeFromQuery, rangeOrDefault, rangePicker, withRange, type DateRange } from '../date_range';
import { MAX_NAME_CHARS, type CompareRange, type FunnelDefinition, type SavedFunnel } from '../saved_funnels';
import { droppedUsersPanel } from './dropped_users_panel';
import { funnelBuilder } from './funnel_builder';
import { canSaveFunnels, teamFunnels } from './team_funnels';
import { viewHeader } from './widgets';
import type { ViewContext } from './view_context';

const EMPTY: FunnelDefinition = { steps: [], window_ms: 86400000, order: 'ordered', count: 'unique_users' };

function definitionFromQuery(ctx: ViewContext, saved: SavedFunnel | undefined): FunnelDefinition {
  const raw = ctx.query.get('funnel');
  if (raw) {
    try {
      const parsed = JSON.parse(raw) as FunnelDefinition;
      if (parsed && Array.isArray(parsed.steps)) return parsed;
    } catch {
      notify('The funnel in this link is not valid JSON; starting a new funnel.', 'error');
    }
  }
  if (saved) return saved.query;
  if (ctx.query.get('saved')) notify('That saved funnel no longer exists (someone may have deleted it), or it belongs to another app.', 'error', 8000);
  return EMPTY;
}

// The comparison range in the URL as a saved funnel keeps it: a preset stays
// relative ("the last 30 days"), custom days become fixed milliseconds.
function compareFromQuery(query: URLSearchParams): CompareRange | null {
  const range = rangeFromQuery(query, 'compare_');
  if (!range) return null;
  const days = query.get('compare_days');
  return days ? { days: Number(days) } : { from_ms: range.from_ms, to_ms: range.to_ms };
}

// `query` opening the saved funnel `f` with its comparison range.
export function openSavedQuery(query: URLSearchParams, f: SavedFunnel): URLSearchParams {
  const c = f.compare;
  const q = withRange(query, !c ? {} : 'days' in c ? { compare_days: String(c.days) }
    : { compare_from: isoDay(c.from_ms), compare_to: isoDay(c.to_ms - 1) }, 'compare_');
  q.delete('funnel');
  q.set('saved', f.id);
  return q;
}

// The collector's refusal of a save, in words at the form.
function saveProblems(e: unknown, name: string): string[] {
  if (e instanceof ApiError && e.code === 'name_taken') return [`A saved funnel named “${name}” exists already: pick another name.`];
  if (e instanceof ApiError && e.problems.length) return e.problems.map((p) => `${p.pointer || 'The funnel'}: ${p.reason}`);
  return [describeError(e)];
}

export async function funnelView(ctx: ViewContext): Promise<void> {
  const range = rangeOrDefault(ctx.query);
  const compare = rangeFromQuery(ctx.query, 'compare_');
  const canSave = canSaveFunnels(ctx);
  const [catalog, guides, team] = await Promise.all([ctx.analytics.catalog().catch(() => null),
    ctx.analytics.guideSummaries().catch(() => [] as GuideSummary[]),
    teamFunnels(ctx).catch((e) => { notify(`Saved funnels could not be loaded: ${describeError(e)}`, 'error', 8000); return [] as SavedFunnel[]; })]);
  const savedId = ctx.query.get('saved');
  const saved = team.find((f) => f.id === savedId);
  const definition = definitionFromQuery(ctx, saved);
  const builder = funnelBuilder(definition, guides);
  const problems = h('ul', { class: 'form-error', role: 'alert', id: 'funnel-problems' });
  const run = h('button', { type: 'button', class: 'primary', id: 'run-funnel' }, 'Show funnel');
  const results = h('div', { class: 'funnel-results' });
  const comparePicker = rangePicker(ctx.query, (params) => ctx.go('funnels', withRange(ctx.query, params, 'compare_'), { replace: true }),
    { prefix: 'compare_', label: 'Compare with', allowNone: true });

  // Opening is a separate button: a select that navigated on change would
  // leave a keyboard user no way to move through the list with the arrows.
  const byName = [...team].sort((a, b) => a.name.localeCompare(b.name));
  const savedSelect = h('select', { id: 'saved-funnels', 'aria-label': 'Saved funnels', disabled: !team.length },
    h('option', { value: '' }, team.length ? 'Choose a saved funnel…' : 'No saved funnels yet'),
    byName.map((f) => h('option', { value: f.id, selected: f.id === saved?.id }, f.name)));
  const open = h('button', { type: 'button', id: 'open-saved-funnel', disabled: !team.length }, 'Open');
  open.addEventListener('click', () => {
    const f = team.find((x) => x.id === savedSelect.value);
    if (f) ctx.go('funnels', openSavedQuery(ctx.query, f));
  });
  const savedBy = saved ? h('span', { class: 'muted', id: 'saved-funnel-by' },
    `Saved by ${saved.created_by_email || 'a former account'}, changed ${formatDateTime(saved.updated_at_ms)}`) : null;

  const readDefinition = (): FunnelDefinition | null => {
    const d = builder.read();
    if (Array.isArray(d)) {
      problems.replaceChildren(...d.map((p) => h('li', {}, p)));
      return null;
    }
    problems.replaceChildren();
    return d;
  };
  run.addEventListener('click', () => {
    const d = readDefinition();
    if (!d) return;
    const q = new URLSearchParams(ctx.query);
    q.set('funnel', JSON.stringify(d));
    history.replaceState(null, '', ctx.href('funnels', q));
    ctx.query = q;
    void showResults(ctx, results, d, range, compare);
  });

  const saveControls: HTMLElement[] = [];
  if (canSave) {
    const saveName = h('input', { id: 'funnel-name', placeholder: 'Name, e.g. Onboarding', value: saved?.name ?? '', 'aria-label': 'Funnel name',
      maxlength: MAX_NAME_CHARS });
    // With a saved funnel open, Save changes it (a new name renames it) and
    // "Save as new" keeps it; otherwise Save makes a new one.
    const save = h('button', { type: 'button', id: 'save-funnel' }, saved ? 'Save' : 'Save funnel');
    const saveAsNew = saved ? h('button', { type: 'button', id: 'save-funnel-as-new' }, 'Save as new') : null;
    // One save at a time; the buttons stay enabled so they keep the focus.
    let saving = false;
    const submit = async (asNew: boolean) => {
      const d = readDefinition();
      if (!d || saving) return;
      const name = saveName.value.trim();
      if (!name) { problems.replaceChildren(h('li', {}, 'Give the funnel a name to save it.')); saveName.focus(); return; }
      saving = true;
      try {
        const comparison = compareFromQuery(ctx.query);
        const stored = saved && !asNew ? await ctx.savedFunnels.replace(saved.id, name, d, comparison)
          : await ctx.savedFunnels.create(name, d, comparison);
        notify(saved && !asNew && saved.name !== stored.name ? `Renamed to “${stored.name}” and saved for your team.` : `Saved “${stored.name}” for your team.`, 'success');
        const q = new URLSearchParams(ctx.query);
        q.delete('funnel');
        q.set('saved', stored.id);
        ctx.go('funnels', q, { replace: true });
      } catch (e) {
        problems.replaceChildren(...saveProblems(e, name).map((p) => h('li', {}, p)));
        saving = false;
        saveName.focus();
      }
    };
    save.addEventListener('click', () => void submit(false));
    saveAsNew?.addEventListener('click', () => void submit(true));
    saveControls.push(saveName, save);
    if (saveAsNew) saveControls.push(saveAsNew);
    if (saved) {
      const remove = h('button', { type: 'button', class: 'danger small', id: 'delete-saved-funnel' }, 'Delete saved funnel');
      remove.addEventListener('click', async () => {
        if (!confirm(`Delete the saved funnel “${saved.name}” for everyone on your team?`)) return;
        try {
          await ctx.savedFunnels.remove(saved.id);
          notify(`Deleted “${saved.name}”.`, 'success');
          const q = new URLSearchParams(ctx.query);
          q.delete('saved');
          savedSelect.focus();  // Kept on the re-rendered view (main.ts).
          ctx.go('funnels', q);
        } catch (e) {
          notify(`The funnel was not deleted: ${describeError(e)}`, 'error', 8000);
        }
      });
      saveControls.push(remove);
    }
  }

  ctx.outlet.replaceChildren(
    catalogDatalists(catalog),
    viewHeader(ctx, 'funnels', 'Funnels', [comparePicker]),
    h('div', { class: 'saved-bar' }, savedSelect, open, savedBy),
    catalog ? '' : h('p', { class: 'muted' }, 'Type event names, page paths and element labels: this collector does not offer the event catalog for suggestions.'),
    builder.element,
    h('div', { class: 'action-bar' }, run, ...saveControls,
      h('span', { class: 'muted' }, canSave ? 'Saved funnels are shared with everyone on this app.' : 'Saved funnels are shared by your team; viewers open them but cannot save.')),
    problems, results);
  if (definition.steps.length >= 2) void showResults(ctx, results, definition, range, compare);
  else results.replaceChildren(h('div', { class: 'empty-state card' }, h('p', {}, 'Pick at least two steps and press “Show funnel”.')));
}

async function showResults(ctx: ViewContext, results: HTMLElement, definition: FunnelDefinition, range: DateRange, compare: DateRange | null): Promise<void> {
  const query: FunnelQuery = { ...definition, from_ms: range.from_ms, to_ms: range.to_ms };
  const guideNames = await ctx.analytics.guideSummaries().catch(() => [] as GuideSummary[]);
  const labels = definition.steps.map((s) => describeCondition(s, (id) => guideNames.find((g) => g.id === id)?.name ?? id));
  const chartCard = new ChartCard('Funnel', 'funnel');
  const dropBox = h('div', { class: 'drop-offs' });
  const droppedBox = h('div', {});
  const breakdownCard = definition.breakdown ? new ChartCard(`Breakdown by ${definition.breakdown.property}`, `funnel-breakdown-${definition.breakdown.property}`) : null;
  chartCard.loading();
  breakdownCard?.loading();
  results.replaceChildren(chartCard.element, dropBox, droppedBox, breakdownCard?.element ?? '');
  let answer: FunnelResult;
  let other: FunnelResult | null = null;
  try {
    [answer, other] = await Promise.all([ctx.analytics.funnel(query),
      compare ? ctx.analytics.funnel({ ...definition, breakdown: undefined, from_ms: compare.from_ms, to_ms: compare.to_ms }) : Promise.resolve(null)]);
  } catch (e) {
    chartCard.error(e);
    breakdownCard?.error(e);
    return;
  }
  const first = answer.steps[0]?.entered ?? 0;
  if (!first && !(other?.steps[0]?.entered)) {
    chartCard.empty(`Nobody did step 1 (${labels[0]}) ${inRange(range)}.`, 'Check the step, or pick a longer date range.');
    breakdownCard?.empty('No data to break down.');
    return;
  }
  const last = answer.steps[answer.steps.length - 1]!;
  const unit = definition.count === 'totals' ? 'attempts' : 'users';
  const showDropped = (step: number) => {
    droppedBox.replaceChildren(droppedUsersPanel(ctx, query, step, labels[step - 1] ?? '', labels[step] ?? ''));
    droppedBox.querySelector('h3')?.scrollIntoView({ block: 'nearest' });
  };
  const series = [{ name: range.label, steps: answer.steps }];
  if (other && compare) series.push({ name: `${compare.label} (compare)`, steps: other.steps });
  chartCard.show({
    summary: h('span', { id: 'funnel-summary' }, `${first.toLocaleString()} ${unit} started, ${last.entered.toLocaleString()} completed all ${answer.steps.length} steps: `,
      h('strong', {}, formatPercent(last.conversion_from_first)), other ? ` (compare: ${formatPercent(other.steps[other.steps.length - 1]?.conversion_from_first ?? 0)})` : ''),
    chart: funnelChart({ label: `Funnel of ${answer.steps.length} steps, ${formatPercent(last.conversion_from_first)} converted`, stepLabels: labels, series,
      onDropOff: definition.count === 'totals' ? undefined : (k, j) => { if (j === 0) showDropped(k); } }),
    table: { caption: 'Funnel steps', rows: answer.steps.map((s, i) => ({ s, i, o: other?.steps[i] })), columns: stepColumns(labels, other !== null) },
  });
  dropBox.replaceChildren(...answer.steps.slice(0, -1).map((s, i) => {
    const next = answer.steps[i + 1]!;
    const button = h('button', { type: 'button', class: 'drop-off', 'data-step': i + 1, disabled: s.dropped === 0 || definition.count === 'totals' },
      `${s.dropped.toLocaleString()} dropped`);
    button.addEventListener('click', () => showDropped(i + 1));
    return h('div', { class: 'drop-off-item' },
      h('div', { class: 'muted' }, `${i + 1} → ${i + 2}`),
      h('div', {}, h('strong', {}, formatPercent(next.conversion_from_previous)), ' converted'),
      h('div', { class: 'muted' }, `median ${formatDuration(next.median_ms_to_convert)} · p90 ${formatDuration(next.p90_ms_to_convert)}`),
      button);
  }));
  if (breakdownCard && definition.breakdown) {
    const rows = answer.breakdown ?? [];
    if (!rows.length) { breakdownCard.empty('No values to break down by.'); return; }
    const name = (v: { value: string | number | null; other: boolean }) => (v.other ? 'Other values' : v.value === null ? '(no value)' : String(v.value));
    breakdownCard.show({
      chart: funnelChart({ label: `Funnel by ${definition.breakdown.property}`, stepLabels: labels, series: rows.map((r) => ({ name: name(r), steps: r.steps })), alwaysLegend: true }),
      table: { caption: `Funnel by ${definition.breakdown.property}`, rows, columns: [
        { label: definition.breakdown.property, value: (r) => name(r) },
        ...labels.map((l, i): Column<(typeof rows)[number]> => ({ label: `${i + 1}. ${l}`, value: (r) => r.steps[i]?.entered ?? 0, numeric: true })),
        { label: 'Conversion', value: (r) => r.steps[r.steps.length - 1]?.conversion_from_first ?? 0,
          render: (r) => formatPercent(r.steps[r.steps.length - 1]?.conversion_from_first ?? 0), numeric: true }] },
    });
  }
}

type StepRow = { s: FunnelStepResult; i: number; o: FunnelStepResult | undefined };

function stepColumns(labels: string[], comparing: boolean): Array<Column<StepRow>> {
  const columns: Array<Column<StepRow>> = [
    { label: 'Step', value: (r) => `${r.i + 1}. ${labels[r.i] ?? r.s.event}` },
    { label: 'Entered', value: (r) => r.s.entered, numeric: true },
    // The last step has no next one (the API counts it as all converted).
    { label: 'Converted to next', value: (r) => (r.i < labels.length - 1 ? r.s.converted : null), numeric: true },
    { label: 'Dropped', value: (r) => (r.i < labels.length - 1 ? r.s.dropped : null), numeric: true },
    { label: 'From previous', value: (r) => r.s.conversion_from_previous, render: (r) => formatPercent(r.s.conversion_from_previous), numeric: true },
    { label: 'From first', value: (r) => r.s.conversion_from_first, render: (r) => formatPercent(r.s.conversion_from_first), numeric: true },
    { label: 'Median time to convert', csvLabel: 'Median time to convert (ms)', value: (r) => r.s.median_ms_to_convert, render: (r) => formatDuration(r.s.median_ms_to_convert), numeric: true },
    { label: 'p90 time to convert', csvLabel: 'p90 time to convert (ms)', value: (r) => r.s.p90_ms_to_convert, render: (r) => formatDuration(r.s.p90_ms_to_convert), numeric: true },
  ];
  if (comparing) {
    columns.push(
      { label: 'Entered (compare)', value: (r) => r.o?.entered ?? null, numeric: true },
      { label: 'From first (compare)', value: (r) => r.o?.conversion_from_first ?? null, render: (r) => (r.o ? formatPercent(r.o.conversion_from_first) : '–'), numeric: true },
      { label: 'Change', value: (r) => (r.o ? r.s.conversion_from_first - r.o.conversion_from_first : null),
        render: (r) => (r.o ? formatPointChange(r.s.conversion_from_first - r.o.conversion_from_first) : '–'), numeric: true });
  }
  return columns;
}
