// Finds the elements the session watches and reports every change of answer.
// Locating is the core's job (the matcher); this measures the page's
// candidates, asks the core, and keeps handles: small integers the session
// echoes back in show_step so we know which element to anchor to.
import type { Fingerprint, LocateAnswer, TargetReport } from '../core/protocol';
import { describeWalk } from './element_descriptor';
import { walkPage } from './page_walk';

export type LocateFn = (fingerprint: Fingerprint, candidates: unknown[], locale: string) => LocateAnswer | null;

interface Watched { key: string; fingerprint: Fingerprint; report: TargetReport | null; el: Element | null }

export class TargetTracker {
  private watched: Watched[] = [];
  private readonly handles = new Map<number, Element>();
  private readonly handleOf = new WeakMap<Element, number>();
  private nextHandle = 1;

  constructor(private readonly locate: LocateFn, private readonly locale: () => string) {}

  watch(targets: Array<{ key: string; fingerprint: Fingerprint }>): void {
    this.watched = targets.map((t) => ({ key: t.key, fingerprint: t.fingerprint, report: null, el: null }));
  }

  get active(): boolean {
    return this.watched.length > 0;
  }

  element(handle: number | undefined): Element | null {
    if (handle === undefined) return null;
    const el = this.handles.get(handle);
    return el && el.isConnected ? el : null;
  }

  // The watch key whose found element contains `node`, if any.
  keyContaining(path: EventTarget[]): string | null {
    for (const w of this.watched) {
      if (w.el && path.includes(w.el)) return w.key;
    }
    return null;
  }

  // Re-locates what needs it and returns the reports that changed. A found
  // element still in the page is kept without measuring anything.
  refresh(): TargetReport[] {
    const stale = this.watched.filter((w) => !w.el || !w.el.isConnected);
    if (!stale.length) return [];
    const walk = walkPage(document.body);
    const candidates = describeWalk(walk);
    const changed: TargetReport[] = [];
    for (const w of stale) {
      const answer = this.locate(w.fingerprint, candidates, this.locale());
      const index = answer?.match ?? null;
      let report: TargetReport;
      if (index !== null && walk[index]) {
        w.el = walk[index]!.el;
        report = { key: w.key, state: 'found', element: this.handleFor(w.el), candidate_index: index };
      } else {
        w.el = null;
        report = { key: w.key, state: answer?.reason === 'ambiguous' ? 'ambiguous' : 'missing', element: 0, candidate_index: 0 };
      }
      if (!w.report || w.report.state !== report.state || w.report.element !== report.element) changed.push(report);
      w.report = report;
    }
    return changed;
  }

  private handleFor(el: Element): number {
    let h = this.handleOf.get(el);
    if (h === undefined) {
      h = this.nextHandle++;
      this.handleOf.set(el, h);
      this.handles.set(h, el);
    }
    return h;
  }
}
