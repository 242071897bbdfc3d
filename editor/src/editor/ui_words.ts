// The SDK's own words (docs/guide-format.md "The SDK's words"): what the SDK
// draws or says around a guide's texts, which an author translates per
// language in the Languages tab. The keys, English texts and placeholders are
// the SDK's (sdk/guide/ui_text.h, wasm/src/ui/ui_words.ts); the checks here
// are the collector's, run as the author types.
import { MAX_UI_TEXT_BYTES, utf8Bytes } from './byte_limits';

export interface UiWordInfo {
  key: string;
  english: string;
  // Where the user meets it, for the author.
  where: string;
  placeholders: string[];
}

export const UI_WORDS: readonly UiWordInfo[] = [
  { key: 'close', english: 'Close', where: 'The close button (×), read by screen readers', placeholders: [] },
  { key: 'submit', english: 'Submit', where: 'A survey\'s submit button', placeholders: [] },
  { key: 'nps_low', english: 'Not likely', where: 'Under 0 of an NPS survey', placeholders: [] },
  { key: 'nps_high', english: 'Very likely', where: 'Under 10 of an NPS survey', placeholders: [] },
  { key: 'step_of', english: 'Step {n} of {total}', where: 'Announced by screen readers when a step shows, and read for the card\'s "2 / 3"', placeholders: ['{n}', '{total}'] },
  { key: 'guide', english: 'Guide', where: 'Announced by screen readers for a one-step guide\'s banner, checklist, launcher or hotspot', placeholders: [] },
  { key: 'open_hint', english: 'Open hint', where: 'A hotspot\'s button, read by screen readers', placeholders: [] },
  { key: 'help', english: 'Help', where: 'A launcher button without a title, read by screen readers', placeholders: [] },
  { key: 'progress', english: '{done} of {total} done', where: 'A checklist\'s progress bar, read by screen readers', placeholders: ['{done}', '{total}'] },
  { key: 'item_done', english: '{item} (done)', where: 'A ticked checklist item, read by screen readers', placeholders: ['{item}'] },
];

// Why `text` cannot be the word's translation, or '' when it can. An empty
// text is not a problem here: the field is then left out (English).
export function uiTextProblem(key: string, text: string): string {
  const word = UI_WORDS.find((w) => w.key === key);
  if (!word) return `"${key}" is not one of the SDK's words.`;
  if (utf8Bytes(text) > MAX_UI_TEXT_BYTES) return `Too long: at most ${MAX_UI_TEXT_BYTES} bytes.`;
  for (const name of text.match(/\{[^}]*\}/g) ?? []) {
    if (!word.placeholders.includes(name)) {
      return word.placeholders.length
        ? `${name} is not filled in by the SDK; use ${word.placeholders.join(' and ')}.`
        : `${name} is not filled in by the SDK; this text takes no placeholders.`;
    }
  }
  const lost = word.placeholders.filter((p) => !text.includes(p));
  return lost.length ? `Keep ${lost.join(' and ')}: the SDK puts the number${lost.length > 1 ? 's' : ''} or name there.` : '';
}
