// How reliably Cairn will find a step's element, in the author's words: the
// verdict shown under a picked target (docs/editor.md, "How reliably Cairn
// finds it"). It only words what the SDK's core measured on the app's page
// (a check's `anchors` and `look_alikes`, docs/editor-bridge.md): which values
// the locator relies on is the core's call, never guessed here. An answer
// without them (an SDK from before them, an element not on the page) gets no
// verdict rather than a wrong one.
import type { StepCheck } from '../shared/app_bridge';

export type ReliabilityLevel = 'reliable' | 'ambiguous' | 'fragile';

export interface Reliability {
  level: ReliabilityLevel;
  // One to three sentences, starting with the level's name ("Reliable: …"),
  // so the verdict never rests on its colour.
  text: string;
}

// The core's anchor kinds as the author knows them; a kind a newer SDK adds is
// shown with its own name.
const ANCHOR_WORDS: Record<string, string> = { test_id: 'test id', id: 'id', name: 'field name' };
const VALUE_SHOWN = 40;
const ASK_DEVELOPER = 'Ask a developer to add data-testid (or an id) to it.';

function quoted(value: string): string {
  return `“${value.length > VALUE_SHOWN ? `${value.slice(0, VALUE_SHOWN - 1)}…` : value}”`;
}

function others(count: number): string {
  return count === 1 ? '1 other element on this page looks' : `${count} other elements on this page look`;
}

// The anchors of a check as [kind, value] pairs, or null when the answer has
// no (well-formed) verdict fields.
function anchorsOf(check: StepCheck): Array<[string, string]> | null {
  const { anchors, look_alikes: lookAlikes } = check;
  if (typeof anchors !== 'object' || anchors === null || Array.isArray(anchors)) return null;
  if (typeof lookAlikes !== 'number' || !Number.isInteger(lookAlikes) || lookAlikes < 0) return null;
  const pairs = Object.entries(anchors);
  return pairs.every(([, value]) => typeof value === 'string' && value !== '') ? pairs : null;
}

// `picked`: the check is of an element just picked on that same page, so
// "missing" means the locator cannot find it even there.
export function reliabilityVerdict(check: StepCheck | null | undefined, { picked = false } = {}): Reliability | null {
  if (picked && check?.status === 'missing') {
    return { level: 'fragile', text: 'Fragile: Cairn cannot find this element even on this page: too little names it. ' +
      `Pick an element with a text or label of its own, or ${ASK_DEVELOPER.charAt(0).toLowerCase()}${ASK_DEVELOPER.slice(1)}` };
  }
  if (!check || (check.status !== 'found' && check.status !== 'ambiguous')) return null;
  const anchors = anchorsOf(check);
  if (!anchors) return null;
  const lookAlikes = check.look_alikes!;
  if (check.status === 'ambiguous') {
    const from = lookAlikes > 1 ? `${lookAlikes} other elements` : 'another element';
    return { level: 'ambiguous', text: `Ambiguous: Cairn cannot tell this element from ${from} on this page, so the step would not show here. ${ASK_DEVELOPER}` };
  }
  if (anchors.length) {
    const by = anchors.map(([kind, value]) => `its ${ANCHOR_WORDS[kind] ?? kind.replace(/_/g, ' ')} ${quoted(value)}`);
    return { level: 'reliable', text: `Reliable: found by ${by.join(' and ')}.` };
  }
  if (lookAlikes > 0) {
    return { level: 'ambiguous', text: `Ambiguous: ${others(lookAlikes)} like it; Cairn tells them apart by their neighbours. ` +
      `If those change, the step could point at another one. ${ASK_DEVELOPER}` };
  }
  return { level: 'fragile', text: 'Fragile: this element has no id or test id Cairn can rely on, so Cairn finds it by its text and place. ' +
    `If it is removed and a similar element takes its place, the step could point at that one. ${ASK_DEVELOPER}` };
}
