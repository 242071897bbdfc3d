// The sample app's guides (samples/guides/*.json), for tests to serve from the
// stub collector, optionally adjusted per test.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './harness.mjs';

export function sampleGuide(id) {
  const guide = JSON.parse(readFileSync(join(ROOT, 'samples/guides', `${id}.json`), 'utf8'));
  // A holdout would hide the guide from a random share of test visitors.
  delete guide.experiment;
  return guide;
}

// The shown step's card inside our shadow root, as seen from the page.
export async function shownStep(page) {
  return page.evaluate(() => {
    const root = document.querySelector('cairn-ui')?.shadowRoot;
    const card = root?.querySelector('[data-cairn-step]');
    if (!card) return null;
    const r = card.getBoundingClientRect();
    if (r.width === 0) return null;
    return { kind: card.getAttribute('data-cairn-step'), guide: card.getAttribute('data-guide'),
      title: card.querySelector('.t')?.textContent ?? '', rect: { x: r.x, y: r.y, w: r.width, h: r.height },
      side: (card.className.match(/s-(\w+)/) || [])[1] ?? null };
  });
}

// Distance from the card to an element's box (0 when touching/overlapping).
export async function gapTo(page, selector, rect) {
  return page.evaluate(([sel, c]) => {
    const t = document.querySelector(sel).getBoundingClientRect();
    const dx = Math.max(t.left - (c.x + c.w), c.x - t.right, 0);
    const dy = Math.max(t.top - (c.y + c.h), c.y - t.bottom, 0);
    return Math.hypot(dx, dy);
  }, [selector, rect]);
}
