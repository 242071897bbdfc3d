// The audience builder (docs/guide-format.md#audience): a tree of groups
// ("all of" / "any of") and conditions on user attributes, tracked events,
// other guides and rollout buckets, each of which can be negated. Trait keys
// and event names the app has sent are offered as suggestions.
import { h } from '../shared/dom';
import type { EditorContext } from './editor_context';
import { checkboxField, daysField, editButton, fieldId, numberField, numberOrDelete, plainOptions, selectField, textField, textOrDelete } from './form_fields';
import { guideChoiceField } from './guide_choice_field';
import { ATTRIBUTE_OPS, isObject, type Json, type JsonObject, numberAt } from './guide_types';
import { toPointer, type Path } from '../shared/json_pointer';
import { conditionValueType, valueTypeWarning, type ValueType } from './trait_types';

const NODE_KINDS = [['attribute', 'User attribute'], ['event', 'Did an event'], ['guide', 'Saw another guide'], ['rollout', 'Percentage of users'], ['group', 'Group of conditions']] as const;

function nodeKind(node: JsonObject): string {
  for (const key of ['all', 'any', 'attribute', 'event', 'guide', 'rollout']) if (key in node) return key === 'all' || key === 'any' ? 'group' : key;
  return 'unknown';
}

function starter(kind: string, ctx: EditorContext): JsonObject {
  switch (kind) {
    case 'attribute': return { attribute: ctx.catalog.traits[0]?.key ?? 'plan', op: 'eq', value: '' };
    case 'event': return { event: ctx.catalog.events[0] ?? '', at_least: 1 };
    case 'guide': return { guide: '', history: 'completed' };
    case 'rollout': return { rollout: 50 };
    default: return { all: [] };
  }
}

function parseScalar(text: string, type: ValueType): Json {
  if (type === 'number') return text.trim() === '' || Number.isNaN(Number(text)) ? text : Number(text);
  if (type === 'boolean') return text.trim().toLowerCase() === 'true';
  return text;
}

function showScalar(value: Json | undefined): string {
  if (Array.isArray(value)) return value.map((v) => String(v)).join(', ');
  return value === undefined || value === null ? '' : String(value);
}

// The editor of one node; `replace` swaps the node in its parent (for negation).
function nodeEditor(ctx: EditorContext, node: JsonObject, path: Path, replace: (next: JsonObject | null) => void, rerender: () => void, depth: number): HTMLElement {
  const changed = () => ctx.draft.changed();
  const negated = isObject(node.not);
  const inner = negated ? (node.not as JsonObject) : node;
  const innerPath = negated ? [...path, 'not'] : path;
  const kind = nodeKind(inner);
  const at = (key: string) => toPointer([...innerPath, key]);
  let body: Array<HTMLElement | null> = [];
  if (kind === 'group') {
    body = [groupEditor(ctx, inner, innerPath, rerender, depth + 1)];
  } else if (kind === 'attribute') {
    const op = String(inner.op ?? 'eq');
    const typeNow = () => conditionValueType(ctx.catalog, String(inner.attribute ?? ''), inner.value);
    const type = typeNow();
    // What the field parses into, kept while it is edited: a number field
    // cleared or holding a half-typed "-" is still a number field. Before a
    // value is typed it is settled at the first keystroke, by the type the
    // app sends the attribute as (renamed, perhaps, since this was drawn).
    let typing: ValueType | null = showScalar(inner.value) === '' ? null : type;
    const warning = op === 'exists' ? null : valueTypeWarning(ctx.catalog, String(inner.attribute ?? ''), inner.value);
    const traitList = ctx.catalog.traits.length ? 'catalog-traits' : undefined;
    body = [
      textField(ctx, { label: 'Attribute', pointer: at('attribute'), value: String(inner.attribute ?? ''), list: traitList, placeholder: 'plan',
        onChange: (v) => { inner.attribute = v; changed(); } }),
      selectField(ctx, { label: 'Operator', pointer: at('op'), value: op, options: ATTRIBUTE_OPS,
        onChange: (v) => {
          inner.op = v;
          if (v === 'exists') delete inner.value;
          else if (v === 'in') inner.value = Array.isArray(inner.value) ? inner.value : inner.value === undefined ? [] : [inner.value];
          else if (Array.isArray(inner.value)) inner.value = inner.value[0] ?? '';
          else inner.value ??= '';
          changed();
          rerender();
        } }),
      op === 'exists' ? null : textField(ctx, { label: op === 'in' ? 'Values (comma-separated)' : 'Value', pointer: at('value'), value: showScalar(inner.value),
        hint: warning ?? undefined,
        onChange: (v) => {
          typing ??= typeNow();
          const typed = typing;
          inner.value = op === 'in' ? v.split(',').map((part) => part.trim()).filter(Boolean).map((part) => parseScalar(part, typed)) : parseScalar(v, typed);
          changed();
        } }),
      op === 'exists' ? null : selectField(ctx, { label: 'Value type', pointer: `${at('value')}#type`, value: type,
        options: [['text', 'text'], ['number', 'number'], ['boolean', 'true/false']],
        onChange: (v) => {
          const text = showScalar(inner.value);
          inner.value = op === 'in' ? text.split(',').map((p) => p.trim()).filter(Boolean).map((p) => parseScalar(p, v as ValueType)) : parseScalar(text, v as ValueType);
          changed();
          rerender();
        } }),
    ];
  } else if (kind === 'event') {
    body = [
      textField(ctx, { label: 'Event', pointer: at('event'), value: String(inner.event ?? ''), list: ctx.catalog.events.length ? 'catalog-events' : undefined,
        onChange: (v) => { inner.event = v; changed(); } }),
      // The SDK keeps the newest 101 of each event in the user's browser, so
      // counts up to 100 are exact and the collector refuses more
      // (docs/guide-format.md#audience, kMaxEventCount).
      numberField(ctx, { label: 'At least (times)', pointer: at('at_least'), value: numberAt(inner, 'at_least'), min: 0, max: 100, placeholder: '1',
        hint: 'Counted in the user\'s browser, from your app\'s track() calls: 0 to 100.',
        onChange: (v) => { numberOrDelete(inner, 'at_least', v); changed(); } }),
      numberField(ctx, { label: 'At most (times)', pointer: at('at_most'), value: numberAt(inner, 'at_most'), min: 0, max: 100, placeholder: 'no limit',
        onChange: (v) => { numberOrDelete(inner, 'at_most', v); changed(); } }),
      daysField(ctx, { label: 'In the last (days)', pointer: at('within_ms'), object: inner, key: 'within_ms' }),
    ];
  } else if (kind === 'guide') {
    body = [
      guideChoiceField(ctx, { label: 'Guide', pointer: at('guide'), value: String(inner.guide ?? ''), onChange: (v) => { inner.guide = v; changed(); } }),
      selectField(ctx, { label: 'Has', pointer: at('history'), value: String(inner.history ?? 'completed'), options: plainOptions(['seen', 'completed', 'dismissed', 'running']),
        onChange: (v) => { inner.history = v; changed(); } }),
    ];
  } else if (kind === 'rollout') {
    const percent = numberField(ctx, { label: 'Percent of users', pointer: at('rollout'), value: numberAt(inner, 'rollout'), min: 0, max: 100, step: 0.01,
      onChange: (v) => { inner.rollout = v ?? 0; changed(); mirror(percent, v ?? 0); } });
    percent.querySelector('input')?.setAttribute('data-mirror', at('rollout'));
    body = [
      percent,
      textField(ctx, { label: 'Bucketing salt (optional)', pointer: at('salt'), value: String(inner.salt ?? ''), onChange: (v) => { textOrDelete(inner, 'salt', v); changed(); } }),
    ];
  } else {
    body = [h('pre', { class: 'json-view' }, JSON.stringify(inner, null, 2))];
  }
  return h('div', { class: `audience-node audience-${kind}`, 'data-pointer': toPointer(path) },
    h('div', { class: 'row node-head' },
      h('span', { class: 'node-kind' }, NODE_KINDS.find(([k]) => k === kind)?.[1] ?? kind),
      checkboxField(ctx, { label: 'Not (negate)', pointer: `${toPointer(path)}#not`, checked: negated,
        onChange: (v) => { replace(v ? { not: inner } : inner); changed(); rerender(); } }),
      editButton(ctx, 'Remove', () => { replace(null); changed(); rerender(); }, { class: 'link-button', 'aria-label': `Remove condition ${toPointer(path)}` })),
    h('div', { class: 'row node-body' }, body));
}

function groupEditor(ctx: EditorContext, group: JsonObject, path: Path, rerender: () => void, depth: number): HTMLElement {
  const mode = 'any' in group ? 'any' : 'all';
  const children = Array.isArray(group[mode]) ? (group[mode] as Json[]) : [];
  const addKind = h('select', { id: fieldId('add-condition') }, NODE_KINDS.filter(([k]) => k !== 'group' || depth < 7).map(([v, l]) => h('option', { value: v }, l)));
  return h('div', { class: 'audience-group' },
    selectField(ctx, { label: 'Match', pointer: `${toPointer(path)}#mode`, value: mode, options: [['all', 'all of these'], ['any', 'any of these']],
      onChange: (v) => { delete group[mode]; group[v] = children; ctx.draft.changed(); rerender(); } }),
    h('div', { class: 'audience-children' },
      children.length ? null : h('p', { class: 'muted' }, mode === 'all' ? 'No conditions: matches everyone.' : 'No conditions: matches nobody.'),
      children.map((child, i) => isObject(child)
        ? nodeEditor(ctx, child, [...path, mode, i], (next) => { if (next) children[i] = next; else children.splice(i, 1); }, rerender, depth)
        : null)),
    ctx.readOnly ? null : h('div', { class: 'row add-condition' },
      h('label', { for: addKind.id }, 'Add'), addKind,
      editButton(ctx, 'Add condition', () => { children.push(starter(addKind.value, ctx)); group[mode] = children; ctx.draft.changed(); rerender(); })));
}

export function audienceEditor(ctx: EditorContext, guide: JsonObject, rerender: () => void): HTMLElement {
  const audience = isObject(guide.audience) ? guide.audience : null;
  if (!audience) {
    return h('div', { class: 'audience-editor', 'data-pointer': '/audience' },
      h('p', {}, 'Everyone who matches the trigger sees this guide.'),
      editButton(ctx, 'Limit who sees it', () => { guide.audience = { all: [] }; ctx.draft.changed(); rerender(); }));
  }
  const root = nodeKind(audience) === 'group' ? audience : null;
  return h('div', { class: 'audience-editor', 'data-pointer': '/audience' },
    root ? groupEditor(ctx, root, ['audience'], rerender, 1)
      : nodeEditor(ctx, audience, ['audience'], (next) => { if (next) guide.audience = next; else delete guide.audience; }, rerender, 1),
    editButton(ctx, 'Show to everyone', () => { delete guide.audience; ctx.draft.changed(); rerender(); }, { class: 'link-button' }));
}

// The rollout under the audience is also a condition of it, so two fields
// show one number (data-mirror = its pointer): typing in one shows in the
// other at once, without a redraw (which would lose a half-typed "12.").
function mirror(field: HTMLElement, value: number | undefined): void {
  const self = field.querySelector('input');
  const key = self?.dataset.mirror;
  if (!key) return;
  for (const other of document.querySelectorAll<HTMLInputElement>(`input[data-mirror="${CSS.escape(key)}"]`)) {
    if (other !== self) other.value = value === undefined ? '' : String(value);
  }
}

// The rollout percentage as its own field: a `rollout` node directly under
// the audience's top "all" group (created when needed).
export function rolloutField(ctx: EditorContext, guide: JsonObject, rerender: () => void): HTMLElement {
  const audience = isObject(guide.audience) ? guide.audience : null;
  const top = audience && Array.isArray(audience.all) ? audience.all : null;
  const index = top ? top.findIndex((n) => isObject(n) && 'rollout' in n) : -1;
  const node = top && index >= 0 ? (top[index] as JsonObject) : null;
  const field = numberField(ctx, { label: 'Rollout (% of matching users)', pointer: index >= 0 ? `/audience/all/${index}/rollout` : '/audience#rollout',
    value: numberAt(node, 'rollout'), min: 0, max: 100, step: 0.01, placeholder: '100',
    hint: 'Each user keeps their bucket, so raising the percentage adds users without reshuffling.',
    onChange: (v) => {
      if (v === undefined || v >= 100) {
        if (top && index >= 0) top.splice(index, 1);
      } else if (node) {
        node.rollout = v;
      } else if (top) {
        top.push({ rollout: v });
      } else {
        guide.audience = audience ? { all: [audience, { rollout: v }] } : { all: [{ rollout: v }] };
      }
      ctx.draft.changed();
      if (!node || v === undefined || v >= 100) rerender();
      else mirror(field, v);
    } });
  // The first digit typed makes the rollout a condition of the audience,
  // drawn above this field: the redraw keeps typing here, not in a control
  // that took this one's place (the second digit was lost, 25 % became 2 %).
  const input = field.querySelector('input');
  input?.setAttribute('data-focus-key', 'rollout');
  if (index >= 0) input?.setAttribute('data-mirror', `/audience/all/${index}/rollout`);
  return field;
}
