// The page the core's locator has loaded (cairn_page_load in
// wasm/bridge/locator_export.cpp): one load per scan, then one short
// call per lookup or capture, instead of sending the whole page with each.
// The core holds one page at a time, so every call names the scan it means and
// loads it again when something else was loaded in between.
import type { CoreModule } from '../core/core_module';
import type { Fingerprint, LocateAnswer } from '../core/protocol';
import type { CandidatePacker } from './candidate_pack';
import { nextTask, SLICE_MS } from './page_scan';

// Rows decoded by the first call of a sliced load; later calls take as many as
// the last call's pace fits in SLICE_MS (the pace differs by machine, and by
// 5x on one machine between V8's baseline code right after init and its
// optimized code later).
const FIRST_ROWS = 200;
const MIN_ROWS = 50;
// Matcher runs over the sample page before the first real locate (warmUp).
const WARM_UP_ROUNDS = 2;
// Every row in one call (the core's cap on max_rows).
const ALL_ROWS = 2 ** 30;
// Times a sliced lookup starts over after another ended it.
const MAX_RESTARTS = 3;

interface LoadStep { done?: boolean; candidates?: number; problems?: unknown }
// A lookup's answer, a slice's "not yet", or the core's refusal (bad input, or
// a step after another lookup ended this one).
type LocateStep = LocateAnswer | { done: false } | { match: null; reason: 'bad_request' };

export class LocatorPage {
  #loaded: CandidatePacker | null = null;
  #loading: CandidatePacker | null = null;
  #warm = false;
  // Rows a sliced lookup's call scores, at the pace of the last lookup.
  #locateRows = FIRST_ROWS;
  readonly #core: CoreModule;

  constructor(core: CoreModule) {
    this.#core = core;
  }

  // Loads `candidates` into the core at once unless they are loaded; false
  // when the core refused them (its problems are logged).
  load(candidates: CandidatePacker): boolean {
    if (this.#loaded === candidates) return true;
    this.#begin(candidates);
    return this.#finish(candidates, this.#step(ALL_ROWS));
  }

  // The same in slices of about SLICE_MS, yielding between them. A load
  // started by someone else meanwhile (a debug call) makes it start over.
  async loadInSlices(candidates: CandidatePacker, cancelled: () => boolean): Promise<boolean> {
    while (this.#loaded !== candidates) {
      // The copy in (cairn_page_load) is a task of its own.
      await nextTask();
      if (cancelled()) return false;
      this.#begin(candidates);
      let answer: LoadStep | null = null;
      let rows = FIRST_ROWS;
      await nextTask();
      if (cancelled()) return false;
      while (this.#loading === candidates) {
        const started = performance.now();
        answer = this.#step(rows);
        if (!answer || answer.done) return this.#finish(candidates, answer);
        rows = rowsForSlice(rows, performance.now() - started);
        await nextTask();
        if (cancelled()) return false;
      }
    }
    return true;
  }

  // Runs the core's load once and its matcher WARM_UP_ROUNDS times per target
  // on a small `sample` page (answers discarded), in slices like the real
  // ones, the first time there is a sample only. V8 runs WASM first as baseline
  // code and optimizes a function after it has run for a while, in the
  // background; the optimized code serves the function's next call. Without
  // this the first real load and locate over a large page run as baseline
  // code, several times slower (bench/sdk/RESULTS.md).
  async warmUp(sample: CandidatePacker | null, fingerprints: Fingerprint[], locale: string, cancelled: () => boolean): Promise<void> {
    if (this.#warm || !sample) return;
    this.#warm = true;
    for (let round = 0; round < WARM_UP_ROUNDS; round++) {
      for (const fingerprint of fingerprints) {
        if (!(await this.locateInSlices(fingerprint, sample, locale, cancelled))) return;
      }
    }
  }

  locate(fingerprint: Fingerprint, candidates: CandidatePacker, locale: string): LocateAnswer | null {
    if (!this.load(candidates)) return null;
    return this.#core.call<LocateAnswer>('cairn_page_locate', { target: fingerprint, locale });
  }

  // locate() in slices of about SLICE_MS, yielding between them: the core's
  // matcher keeps its place between calls (cairn_page_locate_step), and its
  // answer is the one locate() gives. A load or lookup meanwhile (a debug
  // call) ends the core's lookup: this one then starts over, up to
  // MAX_RESTARTS times (then null, as when cancelled).
  async locateInSlices(fingerprint: Fingerprint, candidates: CandidatePacker, locale: string,
                       cancelled: () => boolean): Promise<LocateAnswer | null> {
    for (let restarts = 0; restarts <= MAX_RESTARTS && await this.loadInSlices(candidates, cancelled); restarts++) {
      // Not in the task of the load's last slice, or of the last lookup's.
      await nextTask();
      if (cancelled()) return null;
      if (this.#loaded !== candidates) continue;
      let request: object = { target: fingerprint, locale, max_rows: this.#locateRows };
      let name = 'cairn_page_locate';
      for (;;) {
        const started = performance.now();
        const answer = this.#core.call<LocateStep>(name, request);
        if (!answer || !('done' in answer)) {
          // A step refused: another lookup ended ours in between.
          if (name !== 'cairn_page_locate' && answer?.reason === 'bad_request') break;
          return answer as LocateAnswer | null;
        }
        this.#locateRows = rowsForSlice(this.#locateRows, performance.now() - started);
        await nextTask();
        if (cancelled()) return null;
        if (this.#loaded !== candidates) break;
        request = { max_rows: this.#locateRows };
        name = 'cairn_page_locate_step';
      }
    }
    return null;
  }

  // The fingerprint of candidate `self` (selectors unique among `candidates`).
  fingerprint(candidates: CandidatePacker, self: number, locale: string): Fingerprint | null {
    if (!this.load(candidates)) return null;
    const answer = this.#core.call<Fingerprint & { reason?: string }>('cairn_page_fingerprint', { self_index: self, locale });
    return answer && answer.reason !== 'bad_request' ? answer : null;
  }

  #begin(candidates: CandidatePacker): void {
    this.#loaded = null;
    this.#loading = candidates;
    this.#core.callBytes('cairn_page_load', candidates.page());
  }

  #step(maxRows: number): LoadStep | null {
    return this.#core.call<LoadStep>('cairn_page_load_step', { max_rows: maxRows });
  }

  #finish(candidates: CandidatePacker, answer: LoadStep | null): boolean {
    this.#loading = null;
    if (answer?.candidates === undefined) {
      console.warn('cairn: page not loaded into the locator', answer?.problems);
      return false;
    }
    this.#loaded = candidates;
    return true;
  }
}

// The rows that fit in SLICE_MS at the pace of the last call (`rows` in
// `tookMs`); at most twice as many as last time, so one fast call (the timer's
// coarse grain) cannot make the next one long.
function rowsForSlice(rows: number, tookMs: number): number {
  const fit = Math.floor(SLICE_MS * rows / Math.max(tookMs, 0.1));
  return Math.max(MIN_ROWS, Math.min(rows * 2, fit));
}
