// The SDK's own words (sdk/guide/ui_text.h): what the UI draws or announces
// around the author's content. The guide's translations for the card's
// language come with the step (StepView.words); the others are these English
// ones. `{name}` placeholders are filled in from `vars`.
import type { StepView } from './step_view';

const ENGLISH = {
  close: 'Close',
  submit: 'Submit',
  nps_low: 'Not likely',
  nps_high: 'Very likely',
  step_of: 'Step {n} of {total}',
  guide: 'Guide',
  open_hint: 'Open hint',
  help: 'Help',
  progress: '{done} of {total} done',
  item_done: '{item} (done)',
};

export type UiWord = keyof typeof ENGLISH;

export function word(view: StepView, key: UiWord, vars: Record<string, string | number> = {}): string {
  return (view.words?.[key] ?? ENGLISH[key]).replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
}
