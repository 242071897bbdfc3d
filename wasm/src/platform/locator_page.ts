// The page the core's locator has loaded (cairn_page_load in
// wasm/bridge/locator_export.cpp): one load per scan, then one short
// call per lookup or capture, instead of sending the whole page with each.
// The core holds one page at a time, so every call names the scan it means and
// loads it again when something else was loaded in between.
import type { CoreModule } from '../core/core_module';
import type { Fingerprint, LocateAnswer } from '../core/protocol';
import type { CandidatePacker } from './candidate_pack';
import { nextTask } from './page_scan';

// Rows decoded per call of a sliced load: a few milliseconds each, also while
// V8 still runs the baseline-compiled WASM right after init.
const ROWS_PER_SLICE = 1000;
// Every row in one call (the core's cap on max_rows).
const ALL_ROWS = 2 ** 30;

interface LoadStep { done?: boolean; candidates?: number; problems?: unknown }

export class LocatorPage {
  #loaded: CandidatePacker | null = null;
  #loading: CandidatePacker | null = null;
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

  // The same in slices of ROWS_PER_SLICE rows, yielding between them. A load
  // started by someone else meanwhile (a debug call) makes it start over.
  async loadInSlices(candidates: CandidatePacker, cancelled: () => boolean): Promise<boolean> {
    while (this.#loaded !== candidates) {
      if (cancelled()) return false;
      this.#begin(candidates);
      let answer: LoadStep | null = null;
      while (this.#loading === candidates) {
        answer = this.#step(ROWS_PER_SLICE);
        if (!answer || answer.done) return this.#finish(candidates, answer);
        await nextTask();
        if (cancelled()) return false;
      }
    }
    return true;
  }

  locate(fingerprint: Fingerprint, candidates: CandidatePacker, locale: string): LocateAnswer | null {
    if (!this.load(candidates)) return null;
    return this.#core.call<LocateAnswer>('cairn_page_locate', { target: fingerprint, locale });
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
