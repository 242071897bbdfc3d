// Finds the elements the session watches and reports every change of answer.
// Locating is the core's job (the matcher); this measures the page's
// candidates, asks the core, and keeps handles: small integers the session
// echoes back in show_step so we know which element to anchor to.
//
// Measuring a large page takes a few hundred milliseconds of work, so it runs
// in slices between the host's tasks (page_scan.ts) and reports when done. A
// page change during a scan makes the answer out of date: the scan starts
// over, up to MAX_RESTARTS times in a row (a page that never stops changing
// still gets an answer, and the change that follows it a new scan).
import type { Fingerprint, LocateAnswer, TargetReport } from '../core/protocol';
import type { CandidatePacker } from './candidate_pack';
import { nextTask, scanPageInSlices } from './page_scan';

// The core's locator over one scan (LocatorPage): load once, then locate.
export interface PageLocator {
  warmUp(sample: CandidatePacker | null, fingerprints: Fingerprint[], locale: string, cancelled: () => boolean): Promise<void>;
  loadInSlices(candidates: CandidatePacker, cancelled: () => boolean): Promise<boolean>;
  locateInSlices(fingerprint: Fingerprint, candidates: CandidatePacker, locale: string, cancelled: () => boolean): Promise<LocateAnswer | null>;
}
export type ReportFn = (reports: TargetReport[]) => void;

interface Watched { key: string; fingerprint: Fingerprint; report: TargetReport | null; el: Element | null }

const MAX_RESTARTS = 3;

export class TargetTracker {
  #watched: Watched[] = [];
  readonly #handles = new Map<number, Element>();
  readonly #handleOf = new WeakMap<Element, number>();
  #nextHandle = 1;
  #running = false;
  #requested = false;
  #stopped = false;
  readonly #locator: PageLocator;
  readonly #locale: () => string;
  readonly #report: ReportFn;

  constructor(locator: PageLocator, locale: () => string, report: ReportFn) {
    this.#locator = locator;
    this.#locale = locale;
    this.#report = report;
  }

  watch(targets: Array<{ key: string; fingerprint: Fingerprint }>): void {
    this.#watched = targets.map((t) => ({ key: t.key, fingerprint: t.fingerprint, report: null, el: null }));
  }

  get active(): boolean {
    return this.#watched.length > 0;
  }

  element(handle: number | undefined): Element | null {
    if (handle === undefined) return null;
    const el = this.#handles.get(handle);
    return el && el.isConnected ? el : null;
  }

  // The watch key whose found element contains `node`, if any.
  keyContaining(path: EventTarget[]): string | null {
    for (const w of this.#watched) {
      if (w.el && path.includes(w.el)) return w.key;
    }
    return null;
  }

  // Asks for the watched targets to be located again where needed (after a
  // watch() or a page change). Changed reports go to `report` once the scan is
  // done; a request during a scan makes it start over when it ends.
  refresh(): void {
    this.#requested = true;
    if (!this.#running && !this.#stopped) void this.#run();
  }

  stop(): void {
    this.#stopped = true;
  }

  async #run(): Promise<void> {
    this.#running = true;
    let restarts = 0;
    try {
      while (this.#requested && !this.#stopped) {
        this.#requested = false;
        const watched = this.#watched;
        // A found element still in the page is kept without measuring anything.
        const stale = watched.filter((w) => !w.el || !w.el.isConnected);
        if (!stale.length) continue;
        const scan = await scanPageInSlices(() => this.#stopped || this.#watched !== watched ||
          (this.#requested && restarts < MAX_RESTARTS));
        if (!scan) {
          restarts++;
          this.#requested = true;
          continue;
        }
        restarts = 0;
        const changed: TargetReport[] = [];
        // Loading the page into the core and each lookup run in slices
        // (each is tens of milliseconds of core work on a large page), and
        // showing the step in a task of its own.
        await nextTask();
        if (this.#stopped || this.#watched !== watched) continue;
        await this.#locator.warmUp(scan.sample, stale.map((w) => w.fingerprint), this.#locale(),
          () => this.#stopped || this.#watched !== watched);
        await this.#locator.loadInSlices(scan.candidates, () => this.#stopped || this.#watched !== watched);
        if (this.#stopped || this.#watched !== watched) continue;
        for (const w of stale) {
          await nextTask();
          if (this.#stopped || this.#watched !== watched) break;
          const answer = await this.#locator.locateInSlices(w.fingerprint, scan.candidates, this.#locale(),
            () => this.#stopped || this.#watched !== watched);
          if (this.#stopped || this.#watched !== watched) break;
          const index = answer?.match ?? null;
          let report: TargetReport;
          if (index !== null && scan.walk[index]) {
            w.el = scan.walk[index]!.el;
            report = { key: w.key, state: 'found', element: this.#handleFor(w.el), candidate_index: index };
          } else {
            w.el = null;
            report = { key: w.key, state: answer?.reason === 'ambiguous' ? 'ambiguous' : 'missing', element: 0, candidate_index: 0 };
          }
          if (!w.report || w.report.state !== report.state || w.report.element !== report.element) changed.push(report);
          w.report = report;
        }
        if (this.#stopped) break;
        if (this.#watched !== watched) {
          this.#requested = true;
          continue;
        }
        await nextTask();
        if (changed.length && !this.#stopped) this.#report(changed);
      }
    } finally {
      this.#running = false;
    }
  }

  #handleFor(el: Element): number {
    let h = this.#handleOf.get(el);
    if (h === undefined) {
      // A re-rendered target is a new element each time: handles of elements
      // gone from the page (element() answers null for them) are dropped, or
      // the map kept every detached row of a day's re-renders alive.
      for (const [old, oldEl] of this.#handles) {
        if (!oldEl.isConnected) {
          this.#handles.delete(old);
          this.#handleOf.delete(oldEl);
        }
      }
      h = this.#nextHandle++;
      this.#handleOf.set(el, h);
      this.#handles.set(h, el);
    }
    return h;
  }
}
