// The History tab: published versions (newest first), a readable diff between
// any two of them or the current draft, and rollback (which publishes the old
// content as a new version and makes it the draft).
import { h, formatDateTime, scrollingTable } from '../shared/dom';
import { describeError, notify } from '../shared/notices';
import type { EditorContext } from './editor_context';
import type { GuideApi, GuideVersion } from './guide_api';
import { fieldId } from './form_fields';
import { authorChanges, describeValue, type Change } from './json_diff';
import type { JsonObject } from './guide_types';
import { locate } from './problem_location';
import { accountNames } from './account_names';

const DRAFT = 'draft';

export function historyTab(ctx: EditorContext, guides: GuideApi, onRolledBack: () => void): HTMLElement {
  const container = h('div', { class: 'history-tab' }, h('p', { class: 'loading' }, 'Loading versions'));
  void load();
  async function load(): Promise<void> {
    let versions: GuideVersion[];
    try {
      versions = await guides.versions(ctx.draft.id);
    } catch (e) {
      container.replaceChildren(h('p', { class: 'form-error', role: 'alert' }, describeError(e)));
      return;
    }
    const names = await accountNames(ctx.api, ctx.account);
    const cache = new Map<string, JsonObject>();
    const documentOf = async (which: string): Promise<JsonObject> => {
      if (which === DRAFT) return ctx.draft.guide;
      if (!cache.has(which)) cache.set(which, (await guides.version(ctx.draft.id, Number(which))).guide ?? {});
      return cache.get(which)!;
    };
    const options = [[DRAFT, 'Current draft'], ...versions.map((v) => [String(v.version), `Version ${v.version}`])];
    const picker = (id: string, selected: string) => h('select', { id }, options.map(([value, label]) => h('option', { value, selected: value === selected }, label)));
    const fromId = fieldId('diff-from');
    const toId = fieldId('diff-to');
    const from = picker(fromId, versions[1] ? String(versions[1].version) : versions[0] ? String(versions[0].version) : DRAFT);
    const to = picker(toId, versions[1] ? String(versions[0]!.version) : DRAFT);
    const result = h('div', { class: 'diff-result', 'aria-live': 'polite' });
    const compare = async () => {
      result.replaceChildren(h('p', { class: 'loading' }, 'Comparing'));
      try {
        const [before, after] = [await documentOf(from.value), await documentOf(to.value)];
        const changes = authorChanges(before, after);
        result.replaceChildren(diffView(changes, (c) => locate(c.inOlder ? before : after, c.path).label));
      } catch (e) {
        result.replaceChildren(h('p', { class: 'form-error', role: 'alert' }, describeError(e)));
      }
    };
    from.addEventListener('change', () => void compare());
    to.addEventListener('change', () => void compare());
    const rows = versions.map((v) => h('tr', {},
      h('td', { class: 'num' }, String(v.version)),
      h('td', {}, formatDateTime(v.published_at_ms)),
      h('td', {}, names(v.published_by)),
      h('td', {}, v.note || h('span', { class: 'muted' }, '—')),
      h('td', {}, ctx.readOnly || v.version === versions[0]?.version ? null : (() => {
        const button = h('button', { type: 'button', 'aria-label': `Roll back to version ${v.version}` }, 'Roll back');
        button.addEventListener('click', async () => {
          if (!confirm(`Publish version ${v.version}'s content again as a new version? Your current draft is replaced.`)) return;
          button.disabled = true;
          try {
            const published = await ctx.draft.rollback(v.version);
            notify(`Rolled back: version ${published.version} has version ${v.version}'s content.`, 'success');
            onRolledBack();
          } catch (e) {
            notify(describeError(e), 'error', 8000);
            button.disabled = false;
          }
        });
        return button;
      })())));
    container.replaceChildren(
      h('section', { class: 'card', 'aria-labelledby': 'versions-heading' },
        h('h2', { id: 'versions-heading' }, 'Published versions'),
        versions.length
          ? scrollingTable(h('table', { class: 'versions' },
            h('thead', {}, h('tr', {}, h('th', { class: 'num' }, 'Version'), h('th', {}, 'Published'), h('th', {}, 'By'), h('th', {}, 'Note'), h('th', {}, h('span', { class: 'sr-only' }, 'Actions')))),
            h('tbody', {}, rows)))
          : h('p', { class: 'empty-state' }, 'Not published yet. Every publish is kept here, to compare with the draft and roll back to.')),
      // Without a version there is nothing to compare the draft with.
      ...(versions.length ? [h('section', { class: 'card', 'aria-labelledby': 'diff-heading' },
        h('h2', { id: 'diff-heading' }, 'Compare'),
        h('div', { class: 'row' }, h('label', { for: fromId }, 'From'), from, h('label', { for: toId }, 'to'), to),
        result)] : []));
    if (versions.length) void compare();
  }
  return container;
}

const VERBS: Record<Change['kind'], string> = { added: 'Added', removed: 'Removed', changed: 'Changed', moved: 'Moved' };

function diffView(changes: Change[], where: (change: Change) => string): HTMLElement {
  if (!changes.length) return h('p', { class: 'muted' }, 'No differences.');
  return h('ul', { class: 'diff-list' }, changes.map((change) => h('li', { class: `diff-${change.kind}` },
    h('span', { class: 'diff-kind' }, VERBS[change.kind]), ' ', where(change), ' ', h('code', { class: 'diff-path' }, change.path || '/'),
    change.kind === 'moved'
      ? h('span', {}, ` from position ${Number(change.before) + 1} to ${Number(change.after) + 1}`)
      : h('div', { class: 'diff-values' },
        change.before !== undefined ? h('del', {}, describeValue(change.before)) : null,
        change.after !== undefined ? h('ins', {}, describeValue(change.after)) : null))));
}
