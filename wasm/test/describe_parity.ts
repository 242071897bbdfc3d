// Test-only entry (built to build/wasm/wasm/test/, never shipped): the page
// walk's descriptors of every element beside describeElement()'s, which finds
// each element's place without that walk, so a browser test can compare them.
import { describeElement, describeWalk } from '../src/platform/element_descriptor';
import { walkPage } from '../src/platform/page_walk';

// Every `step`-th element of the walk from the top body (the first always):
// [index, walk's descriptor, describeElement's] for those that differ, and
// how many were compared.
function compare(step = 1): { compared: number; differences: Array<[number, string, string]> } {
  const walk = walkPage(document.body);
  const indexes = walk.map((_, i) => i).filter((i) => i % step === 0);
  const expected = describeWalk(walk, indexes);
  const differences: Array<[number, string, string]> = [];
  indexes.forEach((i, k) => {
    const want = JSON.stringify(expected[k]);
    const got = JSON.stringify(describeElement(walk[i]!.el));
    if (want !== got) differences.push([i, want, got]);
  });
  return { compared: indexes.length, differences };
}

// Milliseconds per describeElement() of the element at `selector`, over `runs` calls.
function timeOne(selector: string, runs: number): number {
  const el = document.querySelector(selector)!;
  const start = performance.now();
  for (let k = 0; k < runs; k++) describeElement(el);
  return (performance.now() - start) / runs;
}

// describeElement()'s heading and neighbours for the element at `selector`.
function contextOf(selector: string): { heading?: string; neighbors?: string[] } {
  const { heading, neighbors } = describeElement(document.querySelector(selector)!);
  return { heading, neighbors };
}

(window as unknown as { CairnDescribeParity: unknown }).CairnDescribeParity = { compare, timeOne, contextOf };
