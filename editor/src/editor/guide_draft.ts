// The draft being edited and its autosave: edits mark it changed, and after a
// short pause it is saved with PUT .../draft. Saves never overlap; an edit made
// during a save is saved right after it. Listeners hear the save state
// ("Saving…", "Saved", an error) and the problems of the last answer.
//
// Every save, publish and rollback names the revision this editor last saw.
// When someone else changed the guide first (409 edit_conflict) the draft
// enters the "conflict" state: autosave stops, edits stay in `guide` (never
// lost), and the author chooses keepMine() (save over theirs) or discardMine()
// (then the page reloads their version).
import { ApiError, type Problem } from '../shared/api';
import { describeError } from '../shared/notices';
import { editConflictOf, type EditConflict, type GuideApi, type GuideRecord, type GuideVersion } from './guide_api';
import { clone, type JsonObject } from './guide_types';
import { pointerLabel } from './problem_labels';

export type SaveState = 'saved' | 'unsaved' | 'saving' | 'failed' | 'conflict';

export const AUTOSAVE_DELAY_MS = 700;

type Listener = () => void;

export class GuideDraft {
  state: SaveState = 'saved';
  error = '';
  // The change that came first, while the author has not chosen what to keep.
  conflict: EditConflict | null = null;
  private revision = 0;
  private savedRevision = 0;
  private timer = 0;
  private saving: Promise<void> | null = null;
  private readonly listeners = new Set<Listener>();

  // `guide` is the draft document, edited in place by the views.
  constructor(private readonly guides: GuideApi, public record: GuideRecord, readonly guide: JsonObject, public problems: Problem[]) {}

  get id(): string {
    return this.record.id;
  }

  // True while the collector does not have the document as it is here:
  // edits waiting for autosave or being saved, a failed save, a conflict.
  get hasUnsavedEdits(): boolean {
    return this.revision !== this.savedRevision || this.conflict !== null;
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  // Call after every edit of `guide`. During a conflict edits are kept, not saved.
  changed(): void {
    this.revision++;
    window.clearTimeout(this.timer);
    if (this.conflict) {
      this.emit();
      return;
    }
    this.state = 'unsaved';
    this.emit();
    this.timer = window.setTimeout(() => void this.save(), AUTOSAVE_DELAY_MS);
  }

  // Saves this editor's document over the change that came first.
  keepMine(): Promise<void> {
    if (!this.conflict) return Promise.resolve();
    this.record = { ...this.record, revision: this.conflict.revision };
    this.conflict = null;
    this.state = 'unsaved';
    return this.save();
  }

  // Puts edits kept from an earlier visit (unsaved_copies.ts) back as unsaved
  // changes made on `baseRevision`: the autosave names that revision, so if
  // the guide was saved since, the conflict notice asks before overwriting.
  restore(document: JsonObject, baseRevision: number): void {
    for (const key of Object.keys(this.guide)) delete this.guide[key];
    Object.assign(this.guide, clone(document));
    this.record = { ...this.record, revision: baseRevision };
    this.changed();
  }

  // Drops the unsaved edits (the page then loads their version); nothing is saved.
  discardMine(): void {
    window.clearTimeout(this.timer);
    this.conflict = null;
    this.savedRevision = this.revision;
    this.state = 'saved';
    this.emit();
  }

  // The author just changed the value at `pointer`: its problems (from the
  // last save) no longer apply; the next save reports what is still wrong.
  clearProblemsAt(pointer: string): void {
    const kept = this.problems.filter((p) => p.pointer !== pointer && !p.pointer.startsWith(`${pointer}/`));
    if (kept.length === this.problems.length) return;
    this.problems = kept;
    this.emit();
  }

  // Saves pending edits now; resolves when everything is saved (throws on failure).
  async flush(): Promise<void> {
    window.clearTimeout(this.timer);
    while (this.saving || this.revision !== this.savedRevision || this.conflict) {
      if (this.saving) await this.saving;
      else if (!this.conflict) await this.save();
      if (this.state === 'failed' || this.state === 'conflict') throw new Error(this.error);
    }
  }

  // Publishes the saved draft, as this editor saw it. A 422 invalid_guide
  // puts its problems on the fields and rethrows; a 409 opens the conflict.
  async publish(note: string): Promise<GuideVersion> {
    await this.flush();
    try {
      const version = await this.guides.publish(this.id, note, this.record.revision);
      await this.reload();
      return version;
    } catch (e) {
      this.noteConflict(e);
      this.takeProblems(e);
      throw e;
    }
  }

  // The document being edited (saved or not) in the packed form the SDK runs,
  // in `version` (the app's SDK's, AppBridge.packVersion), for a preview or
  // check in the app. A 422 puts its problems on the fields and rethrows, as
  // publish does.
  async packed(version: number): Promise<ArrayBuffer> {
    try {
      return await this.guides.pack(clone(this.guide), version);
    } catch (e) {
      this.takeProblems(e);
      throw e;
    }
  }

  // The collector's problems with the document, from a refusal that names them.
  private takeProblems(e: unknown): void {
    if (e instanceof ApiError && e.problems.length) {
      this.problems = e.problems;
      this.emit();
    }
  }

  // Publishes version `version`'s content again (it becomes the draft), unless
  // someone changed the guide since this editor saw it.
  async rollback(version: number): Promise<GuideVersion> {
    // The old content replaces the draft (the author confirmed), so a failed
    // save does not stop it; a conflict does, at the collector.
    await this.flush().catch(() => {});
    try {
      return await this.guides.rollback(this.id, version, this.record.revision);
    } catch (e) {
      this.noteConflict(e);
      throw e;
    }
  }

  // Refreshes the record (status, published version) after publish/rollback/archive.
  async reload(): Promise<void> {
    const answer = await this.guides.get(this.id);
    this.record = answer.guide;
    // Publish stamps the stored draft with its version and status; the
    // document being edited follows, so the next save does not undo them.
    const stored = answer.guide.draft;
    if (stored && typeof stored === 'object') {
      for (const key of ['version', 'status'] as const) if (key in stored) this.guide[key] = stored[key]!;
    }
    this.problems = answer.problems;
    this.emit();
  }

  private save(): Promise<void> {
    if (this.saving) return this.saving;
    const revision = this.revision;
    this.state = 'saving';
    this.emit();
    this.saving = this.guides.saveDraft(this.id, clone(this.guide), this.record.revision).then((answer) => {
      this.record = answer.guide;
      this.problems = answer.problems;
      this.savedRevision = revision;
      this.error = '';
      this.state = this.revision === revision ? 'saved' : 'unsaved';
    }, (e: unknown) => {
      if (this.noteConflict(e)) return;
      this.state = 'failed';
      this.error = describeError(e, (pointer) => pointerLabel(this.guide, pointer));
      // A refused document (too large, not JSON) still says where.
      if (e instanceof ApiError && e.problems.length) this.problems = e.problems;
    }).finally(() => {
      this.saving = null;
      this.emit();
      if (this.state === 'unsaved') {
        window.clearTimeout(this.timer);
        this.timer = window.setTimeout(() => void this.save(), AUTOSAVE_DELAY_MS);
      }
    });
    return this.saving;
  }

  // Enters the conflict state when `error` is a 409 edit_conflict.
  private noteConflict(error: unknown): boolean {
    const conflict = editConflictOf(error);
    if (!conflict) return false;
    window.clearTimeout(this.timer);
    this.conflict = conflict;
    this.state = 'conflict';
    this.error = 'someone else saved this guide since you opened it';
    this.emit();
    return true;
  }

  private emit(): void {
    this.listeners.forEach((listener) => listener());
  }
}
