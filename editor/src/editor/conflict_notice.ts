// The notice shown when someone else saved the guide first (409 edit_conflict):
// who and when, and the author's two ways out, both plain buttons so Tab and
// Enter reach them. It is a role="alert" region, announced when it appears;
// focus stays where the author was typing until they choose.
//   Reload their version: drops the unsaved edits and loads theirs.
//   Keep mine (overwrite): saves this editor's document over theirs.
import { formatDateTime, h } from '../shared/dom';
import { notify } from '../shared/notices';
import type { GuideDraft } from './guide_draft';

export function conflictNotice(draft: GuideDraft, reloadTheirs: () => void, afterKeepingMine: () => void): HTMLElement {
  const region = h('div', { class: 'conflict-slot', role: 'alert' });
  let shownRevision: number | null = null;
  const draw = () => {
    const conflict = draft.conflict;
    if (!conflict) {
      shownRevision = null;
      region.replaceChildren();
      return;
    }
    if (shownRevision === conflict.revision) return;
    shownRevision = conflict.revision;
    const who = conflict.updated_by_email || conflict.updated_by || 'someone';
    const reload = h('button', { type: 'button', id: 'conflict-reload' }, 'Reload their version');
    const keep = h('button', { type: 'button', class: 'primary', id: 'conflict-keep' }, 'Keep mine (overwrite)');
    reload.addEventListener('click', () => {
      draft.discardMine();
      reloadTheirs();
    });
    keep.addEventListener('click', async () => {
      keep.disabled = reload.disabled = true;
      await draft.keepMine();
      if (draft.state === 'failed') notify(`Not saved: ${draft.error}`, 'error', 8000);
      keep.disabled = reload.disabled = false;
      if (!draft.conflict) afterKeepingMine();
    });
    region.replaceChildren(h('section', { class: 'conflict-notice', 'aria-labelledby': 'conflict-heading' },
      h('h2', { id: 'conflict-heading' }, 'Someone else saved this guide'),
      h('p', {}, `Saved by ${who} at ${formatDateTime(conflict.updated_at_ms)}. Your changes since then are kept here but not saved.`),
      h('div', { class: 'row' }, reload, keep)));
  };
  draw();
  // Unsubscribes once the page that showed it is gone.
  let connected = false;
  const unsubscribe = draft.subscribe(() => {
    if (region.isConnected) connected = true;
    else if (connected) { unsubscribe(); return; }
    draw();
  });
  return region;
}
