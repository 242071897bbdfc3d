// Keeps the open guide's edits in this browser (UnsavedCopies) for as long as
// the collector does not have them: while autosave waits or saves, after a
// failed save (offline), during an edit conflict. Once the collector has the
// same document (a save or publish went through) or the author discarded the
// edits, the copy is removed.
//
// Writes are coalesced: one copy of the whole document COPY_DELAY_MS after
// the last change, not one per keystroke; leaving or hiding the page
// (pagehide, visibilitychange) writes the pending one at once, so the last
// edit is in it. A copy that cannot be kept (too large, storage full or
// refused) is reported once through `report`, never thrown.
import type { GuideDraft } from './guide_draft';
import { clone } from './guide_types';
import type { CopyOwner, UnsavedCopies, WriteResult } from './unsaved_copies';

export const COPY_DELAY_MS = 250;

// window and document in the browser; fakes in tests.
export interface EventSource {
  addEventListener(type: string, listener: () => void): void;
  removeEventListener(type: string, listener: () => void): void;
}

const PROBLEMS: Record<Exclude<WriteResult, 'kept'>, string> = {
  too_large: 'Your unsaved changes are too large to keep in this browser: they are only on this page until they are saved.',
  no_room: 'This browser\'s storage is full: your unsaved changes are only on this page until they are saved.',
  unavailable: 'This browser does not allow the editor to store data: your unsaved changes are only on this page until they are saved.',
};

export class UnsavedCopyKeeper {
  private timer = 0;
  private pending = false;
  // Whether a copy may be in storage, so a clean draft removes it. True at
  // first: a restored copy is still stored until the collector has it.
  private stored = true;
  // The last problem reported, so a failing write is not reported on every edit.
  private reported: WriteResult | null = null;
  private unsubscribe: (() => void) | null = null;
  private readonly writeNow = () => this.write();
  private lifecycle: { window: EventSource; document: EventSource } | null = null;

  constructor(private readonly draft: GuideDraft, private readonly copies: UnsavedCopies,
              private readonly owner: CopyOwner & { authorEmail: string }, private readonly report: (problem: string) => void,
              private readonly options: { delayMs?: number; now?: () => number } = {}) {}

  // Follows the draft from now on; `lifecycle` tells when the page goes away.
  start(lifecycle: { window: EventSource; document: EventSource }): void {
    if (this.unsubscribe) return;
    this.unsubscribe = this.draft.subscribe(() => this.follow());
    this.lifecycle = lifecycle;
    lifecycle.window.addEventListener('pagehide', this.writeNow);
    lifecycle.document.addEventListener('visibilitychange', this.writeNow);
    this.follow();
  }

  // The page is being left: the pending copy is written now. The keeper still
  // follows the draft, so the result of its last save updates or removes the copy.
  stop(): void {
    this.write();
    this.lifecycle?.window.removeEventListener('pagehide', this.writeNow);
    this.lifecycle?.document.removeEventListener('visibilitychange', this.writeNow);
    this.lifecycle = null;
  }

  private follow(): void {
    if (this.draft.hasUnsavedEdits) {
      this.pending = true;
      window.clearTimeout(this.timer);
      this.timer = window.setTimeout(this.writeNow, this.options.delayMs ?? COPY_DELAY_MS);
      return;
    }
    window.clearTimeout(this.timer);
    this.pending = false;
    if (this.stored) this.copies.remove(this.owner);
    this.stored = false;
  }

  private write(): void {
    window.clearTimeout(this.timer);
    if (!this.pending) return;
    this.pending = false;
    const result = this.copies.write({
      app_id: this.owner.appId, guide_id: this.owner.guideId, author_id: this.owner.authorId, author_email: this.owner.authorEmail,
      base_revision: this.draft.record.revision, saved_at_ms: (this.options.now ?? Date.now)(), guide: clone(this.draft.guide),
    });
    if (result === 'kept') {
      this.stored = true;
      this.reported = null;
      return;
    }
    if (this.reported === result) return;
    this.reported = result;
    this.report(PROBLEMS[result]);
  }
}
