// Measures the page's candidates into a packed list (candidate_pack.ts) for the
// core's locator, either at once (the synchronous debug calls) or in slices of
// a few milliseconds that yield to the host page between them, so a
// 10,000-element page never blocks the main thread for a long task
// (bench/sdk/RESULTS.md). Slices only read the DOM; between them the page may
// run and change, which the caller detects and answers by scanning again.
import { CandidatePacker } from './candidate_pack';
import { describeAt, outerLevels, WalkContextBuilder, type WalkContext } from './element_descriptor';
import { PageWalker, type WalkedElement } from './page_walk';

// Longest stretch of measuring before yielding: well under the 50 ms that makes
// a long task, leaving the rest of a frame to the host.
export const SLICE_MS = 8;

// Candidates in the sample (PageScan.sample): enough rows to run every path of
// the core's load and matcher, few enough to be a short call. A page of up to
// twice as many needs no sample: its own calls are short.
const SAMPLE_ROWS = 400;

export interface PageScan {
  walk: WalkedElement[];
  candidates: CandidatePacker;
  // The first SAMPLE_ROWS candidates as a page of their own (LocatorPage.warmUp),
  // null on a small page.
  sample: CandidatePacker | null;
}

// Walks, gathers the walk's context, then measures, each in as many slices as
// it takes.
class PageScanner {
  readonly #walker: PageWalker;
  #builder: WalkContextBuilder | null = null;
  #context: WalkContext | null = null;
  readonly #packer = new CandidatePacker();
  readonly #sample = new CandidatePacker();
  #next = 0;

  constructor(root: Element) {
    this.#walker = new PageWalker(root);
  }

  // Works until `deadline` (performance.now()); true when done.
  step(deadline: number): boolean {
    if (!this.#context) {
      if (!this.#builder) {
        if (!this.#walker.step(deadline)) return false;
        this.#builder = new WalkContextBuilder(this.#walker.walked);
      }
      if (!this.#builder.step(deadline)) return false;
      this.#context = this.#builder.context;
      const walk = this.#context.walk;
      if (walk.length) {
        const outer = outerLevels(walk[0]!.el);
        this.#packer.addContext(outer);
        this.#sample.addContext(outer);
      }
    }
    const walk = this.#context.walk;
    while (this.#next < walk.length) {
      const i = this.#next++;
      const d = describeAt(this.#context, i, false);
      this.#packer.add(d, walk[i]!.parent);
      if (i < SAMPLE_ROWS) this.#sample.add(d, walk[i]!.parent);
      // Checking the clock every few elements keeps its cost out of the profile.
      if ((i & 15) === 15 && performance.now() >= deadline) break;
    }
    return this.#next >= walk.length;
  }

  get result(): PageScan {
    const walk = this.#walker.walked;
    return { walk, candidates: this.#packer, sample: walk.length > 2 * SAMPLE_ROWS ? this.#sample : null };
  }
}

export function scanPage(): PageScan {
  const scanner = new PageScanner(document.body);
  scanner.step(Infinity);
  return scanner.result;
}

// Scans in slices of SLICE_MS, yielding between them. Resolves null when
// `cancelled()` turns true between slices (the scan is out of date).
export async function scanPageInSlices(cancelled: () => boolean): Promise<PageScan | null> {
  await nextTask();
  if (cancelled()) return null;
  const scanner = new PageScanner(document.body);
  while (!scanner.step(performance.now() + SLICE_MS)) {
    await nextTask();
    if (cancelled()) return null;
  }
  return scanner.result;
}

// A new task (not a microtask, so input and rendering can run first); not
// requestAnimationFrame, which stops in background tabs.
export function nextTask(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { postTask?: (fn: () => void) => Promise<void> } }).scheduler;
  if (scheduler?.postTask) return scheduler.postTask(() => {});
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}
