// Editors for URL rules (docs/guide-format.md#url-rules): one rule (path
// pattern, query conditions, hash) and a page set (include / exclude lists).
import { h } from '../shared/dom';
import type { EditorContext } from './editor_context';
import { editButton, fieldId, plainOptions, selectField, textField, textOrDelete } from './form_fields';
import { arrayAt, isObject, type Json, type JsonObject } from './guide_types';
import { toPointer, type Path } from '../shared/json_pointer';

const QUERY_OPS = ['present', 'absent', 'equals', 'contains'] as const;
const PATH_HINT = 'Starts with /. * matches within one segment, ** any number of segments, :name exactly one segment. Example: /projects/:id/**';

let pageListId = '';
// One <datalist> of known page paths per page (from the catalog).
function pagesList(ctx: EditorContext): string | undefined {
  if (!ctx.catalog.pages.length) return undefined;
  if (!pageListId || !document.getElementById(pageListId)) {
    pageListId = fieldId('pages');
    document.body.append(h('datalist', { id: pageListId }, ctx.catalog.pages.map((value) => h('option', { value }))));
  }
  return pageListId;
}

// One rule. `rerender` redraws the surrounding editor after structural edits.
export function urlRuleEditor(ctx: EditorContext, rule: JsonObject, path: Path, rerender: () => void, label = 'Page path'): HTMLElement {
  const changed = () => ctx.draft.changed();
  const query = Array.isArray(rule.query) ? rule.query.filter(isObject) : [];
  const queryRows = query.map((condition, i) => {
    const conditionPath = [...path, 'query', i];
    const op = String(condition.op ?? 'present');
    return h('div', { class: 'row query-row' },
      textField(ctx, { label: 'Query parameter', pointer: toPointer([...conditionPath, 'name']), value: String(condition.name ?? ''),
        onChange: (v) => { condition.name = v; changed(); } }),
      selectField(ctx, { label: 'Condition', pointer: toPointer([...conditionPath, 'op']), value: op, options: plainOptions(QUERY_OPS),
        onChange: (v) => {
          condition.op = v;
          if (v === 'present' || v === 'absent') delete condition.value;
          else condition.value ??= '';
          changed();
          rerender();
        } }),
      op === 'equals' || op === 'contains'
        ? textField(ctx, { label: 'Value', pointer: toPointer([...conditionPath, 'value']), value: String(condition.value ?? ''),
          onChange: (v) => { condition.value = v; changed(); } })
        : null,
      editButton(ctx, 'Remove condition', () => {
        arrayAt(rule, 'query').splice(i, 1);
        if (!arrayAt(rule, 'query').length) delete rule.query;
        changed();
        rerender();
      }, { class: 'link-button' }));
  });
  return h('div', { class: 'url-rule' },
    textField(ctx, { label, pointer: toPointer([...path, 'path']), value: String(rule.path ?? ''), placeholder: '/app/**', hint: PATH_HINT,
      list: pagesList(ctx), onChange: (v) => { rule.path = v; changed(); } }),
    queryRows,
    h('div', { class: 'row' },
      textField(ctx, { label: 'URL fragment (after #), optional', pointer: toPointer([...path, 'hash']), value: String(rule.hash ?? ''),
        placeholder: 'any', onChange: (v) => { textOrDelete(rule, 'hash', v); changed(); } }),
      editButton(ctx, 'Add query condition', () => {
        arrayAt(rule, 'query').push({ name: '', op: 'present' });
        changed();
        rerender();
      })));
}

// A page set: pages where some include rule matches and no exclude rule does.
export function pageSetEditor(ctx: EditorContext, set: JsonObject, path: Path, rerender: () => void, emptyMeaning = 'every page'): HTMLElement {
  const list = (key: 'include' | 'exclude', title: string) => {
    const rules = arrayAt(set, key);
    return h('fieldset', { class: 'rule-list', 'data-pointer': toPointer([...path, key]) },
      h('legend', {}, title),
      key === 'include' && !rules.length ? h('p', { class: 'muted' }, `No rules: ${emptyMeaning}.`) : null,
      rules.map((rule: Json, i: number) => isObject(rule)
        ? h('div', { class: 'rule-item' },
          urlRuleEditor(ctx, rule, [...path, key, i], rerender, `${key === 'include' ? 'Show on' : 'Not on'} pages matching`),
          editButton(ctx, 'Remove rule', () => { rules.splice(i, 1); ctx.draft.changed(); rerender(); }, { class: 'link-button' }))
        : null),
      editButton(ctx, key === 'include' ? 'Add page rule' : 'Add exclusion', () => {
        rules.push({ path: key === 'include' ? '/' : '/settings/**' });
        ctx.draft.changed();
        rerender();
      }));
  };
  return h('div', { class: 'page-set' }, list('include', 'Show on these pages'), list('exclude', 'But not on these pages'));
}
