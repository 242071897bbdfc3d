// The notice shown when a guide opens and this browser kept edits of it that
// the collector never got (unsaved_copies.ts): when, on which revision, and
// two plain buttons, so Tab and Enter reach them. A role="alert" region,
// announced when the page opens; it empties itself once the author chooses.
// Until then the guide page keeps its fields inert (guide_page.ts).
//   Restore my changes: puts them back in the editor as unsaved changes.
//   Discard: forgets them.
import { formatDateTime, h } from '../shared/dom';
import type { UnsavedCopy } from './unsaved_copies';

export function unsavedCopyNotice(copy: UnsavedCopy, serverRevision: number, choose: { restore(): void; discard(): void }): HTMLElement {
  const region = h('div', { class: 'unsaved-copy-slot', role: 'alert' });
  const restore = h('button', { type: 'button', class: 'primary', id: 'unsaved-restore' }, 'Restore my changes');
  const discard = h('button', { type: 'button', id: 'unsaved-discard' }, 'Discard');
  restore.addEventListener('click', () => {
    region.replaceChildren();
    choose.restore();
  });
  discard.addEventListener('click', () => {
    region.replaceChildren();
    choose.discard();
  });
  const since = serverRevision === copy.base_revision
    ? 'Restoring puts them back in the editor, and they are saved as usual.'
    : `The guide has been saved since (it is at revision ${serverRevision} now): if you restore, you are asked before your changes replace that version.`;
  region.replaceChildren(h('section', { class: 'unsaved-copy-notice', 'aria-labelledby': 'unsaved-copy-heading' },
    h('h2', { id: 'unsaved-copy-heading' }, 'Changes kept in this browser'),
    h('p', {}, `You have unsaved changes from ${formatDateTime(copy.saved_at_ms)} (based on revision ${copy.base_revision}). ${since} Choose one to go on editing.`),
    h('div', { class: 'row' }, restore, discard)));
  return region;
}
