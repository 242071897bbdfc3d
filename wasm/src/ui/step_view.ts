// What the UI draws for one step: the core's ShowStep command, already resolved
// to one locale, with the body parsed into a markdown node tree by the core.
// The UI never sees markdown source and never parses author text.

// A node of the safe markdown subset. Text only ever reaches the DOM through
// textContent; `href`/`src` are checked again here before use.
export interface MdNode {
  type: string;  // paragraph, bullet_list, ordered_list, list_item, text, strong, emphasis, code, link, line_break
  text?: string;
  href?: string;
  start?: number;
  children?: MdNode[];
}

export interface ButtonView {
  label: string;
  action: 'next' | 'back' | 'dismiss' | 'complete' | 'url' | 'launch_guide';
  style?: 'primary' | 'secondary' | 'link';
  url?: string;
  new_tab?: boolean;
  guide_id?: string;
}

export interface ItemView { id: string; label: string; done?: boolean }

export interface SurveyView {
  kind: 'nps' | 'rating' | 'choice';
  scale?: number;
  options?: ItemView[];
  multiple?: boolean;
}

export interface ThemeView {
  accent_color?: string; background_color?: string; text_color?: string; border_color?: string;
  font_family?: string; font_size_px?: number; radius_px?: number;
}

export type StepKind = 'tooltip' | 'modal' | 'hotspot' | 'banner' | 'slideout' | 'checklist' | 'launcher' | 'survey';

export interface StepView {
  guideId: string;
  stepId: string;
  stepIndex: number;
  stepCount: number;
  canGoBack?: boolean;
  // The adapter's handle of the element to anchor to; absent: centered.
  element?: number;
  kind: StepKind;
  title?: string;
  body?: MdNode[];
  buttons?: ButtonView[];
  media?: { url: string; kind?: 'image' | 'video'; alt?: string };
  items?: ItemView[];
  survey?: SurveyView;
  placement?: { side?: string; align?: string; offset_px?: number; arrow?: boolean };
  backdrop?: boolean;
  theme?: ThemeView;
  // True when the target is missing and the policy said "show centered".
  centered?: boolean;
  dir?: 'ltr' | 'rtl';
  // The locale the content was taken from (a BCP 47 tag), if the core said.
  lang?: string;
  // The guide's translations of the SDK's own words (ui_words.ts) into `lang`.
  words?: Record<string, string>;
}

// What the user did, reported to the core as a session input (the core's
// session_inputs.h UserAction; the core decides what a button means).
export interface UserAction {
  kind: 'next' | 'back' | 'dismiss' | 'complete' | 'button' | 'survey_answer' | 'checklist_item';
  guide_id: string;
  reason?: 'close_button' | 'escape_key' | 'outside_click' | 'skip_button';  // dismiss
  button?: number;    // button: index into the step's buttons
  answer?: unknown;   // survey_answer
  item_id?: string;   // checklist_item
}
