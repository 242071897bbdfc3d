// The seed data's clicks carry element descriptors captured from the sample
// app (samples/seed/elements.json). This re-measures the app with the SDK's
// descriptor code in Chromium and fails when they drift apart (an edit to the
// app without `node samples/seed/capture-elements.mjs`). Rects depend on
// fonts, so only their presence is compared.
import { readFileSync } from 'node:fs';
import { captureElements, ELEMENTS_FILE } from '../../samples/seed/capture-elements.mjs';
import { TEST_TIMEOUT_MS } from './harness.mjs';

const NAME = 'browser: seed elements';
const withoutRects = (captured) => JSON.parse(JSON.stringify(captured, (k, v) => (k === 'rect' ? (v && v.width > 0 && v.height > 0) : v)));
const timer = setTimeout(() => { console.error(`${NAME}: timed out`); process.exit(2); }, TEST_TIMEOUT_MS);
try {
  const stored = withoutRects(JSON.parse(readFileSync(ELEMENTS_FILE, 'utf8')));
  const fresh = withoutRects(await captureElements());
  const problems = [];
  for (const [state, s] of Object.entries(fresh.states)) {
    for (const [key, d] of Object.entries(s.elements)) {
      const old = stored.states[state]?.elements[key];
      if (JSON.stringify(old) !== JSON.stringify(d)) problems.push(`${state}.${key}: stored ${JSON.stringify(old)}\n    now    ${JSON.stringify(d)}`);
    }
  }
  if (JSON.stringify(Object.keys(stored.states)) !== JSON.stringify(Object.keys(fresh.states))) problems.push('the captured states differ');
  if (problems.length) throw new Error(`elements.json is out of date (run node samples/seed/capture-elements.mjs):\n  ${problems.join('\n  ')}`);
  console.log(`${NAME}: passed`);
  process.exit(0);
} catch (e) {
  console.error(`${NAME}: FAILED: ${e.stack ?? e}`);
  process.exit(1);
} finally {
  clearTimeout(timer);
}
