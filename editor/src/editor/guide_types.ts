// The guide document as the editor edits it (docs/guide-format.md). The
// editor keeps the parsed JSON as-is and only touches the fields a control
// edits, so fields it does not know (newer Cairn, `x-` fields) survive.

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

// An audience condition's operators as the editor names them (guide-format.md#audience).
export const ATTRIBUTE_OPS = [['eq', 'is'], ['neq', 'is not'], ['in', 'is one of'], ['contains', 'contains'], ['starts_with', 'starts with'],
  ['gt', 'is greater than'], ['lt', 'is less than'], ['exists', 'is set']] as const;

export const STEP_KINDS = ['tooltip', 'modal', 'hotspot', 'banner', 'slideout', 'checklist', 'launcher', 'survey'] as const;
export type StepKind = typeof STEP_KINDS[number];

export const STEP_KIND_LABELS: Record<StepKind, string> = {
  tooltip: 'Tooltip (points at an element)',
  modal: 'Modal (centered box)',
  hotspot: 'Hotspot (pulsing dot on an element)',
  banner: 'Banner (top or bottom of the page)',
  slideout: 'Slideout (panel from the side)',
  checklist: 'Checklist',
  launcher: 'Launcher (help button)',
  survey: 'Survey question',
};

// Which kinds need, refuse or may have a target element (guide-format.md#steps).
export function targetRule(kind: string): 'required' | 'refused' | 'optional' {
  if (kind === 'tooltip' || kind === 'hotspot') return 'required';
  if (kind === 'launcher' || kind === 'survey') return 'optional';
  return 'refused';
}

export const TRIGGER_KINDS = ['page_load', 'element_appears', 'element_clicked', 'custom_event', 'manual'] as const;
export const ADVANCE_KINDS = ['next_button', 'click_target', 'input_target', 'url_change', 'custom_event', 'element_appears', 'element_disappears'] as const;
export const BUTTON_ACTIONS = ['next', 'back', 'dismiss', 'complete', 'url', 'launch_guide'] as const;
export const BUTTON_STYLES = ['primary', 'secondary', 'link'] as const;
export const FREQUENCY_KINDS = ['once', 'until_completed', 'every_session', 'at_most'] as const;
export const MISSING_THEN = ['centered', 'skip', 'end'] as const;
export const SIDES = ['auto', 'top', 'bottom', 'left', 'right'] as const;
export const ALIGNS = ['center', 'start', 'end'] as const;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// The object at `key` of `parent`, created empty when missing.
export function objectAt(parent: JsonObject, key: string): JsonObject {
  const value = parent[key];
  if (isObject(value)) return value;
  const created: JsonObject = {};
  parent[key] = created;
  return created;
}

export function arrayAt(parent: JsonObject, key: string): Json[] {
  const value = parent[key];
  if (Array.isArray(value)) return value;
  const created: Json[] = [];
  parent[key] = created;
  return created;
}

export function steps(guide: JsonObject): JsonObject[] {
  return arrayAt(guide, 'steps').filter(isObject);
}

export function fallbackLocale(guide: JsonObject): string {
  return typeof guide.fallback_locale === 'string' && guide.fallback_locale ? guide.fallback_locale : 'en';
}

// Every locale any step has content in, the fallback first.
export function guideLocales(guide: JsonObject): string[] {
  const locales = new Set<string>([fallbackLocale(guide)]);
  for (const step of steps(guide)) {
    if (isObject(step.content)) Object.keys(step.content).forEach((l) => locales.add(l));
  }
  return [...locales];
}

export function clone<T extends Json>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

// A step id not yet used in the guide, from a readable base ("tooltip-2").
export function uniqueStepId(guide: JsonObject, base: string): string {
  const used = new Set(steps(guide).map((s) => String(s.id)));
  for (let n = 1; ; n++) {
    const id = n === 1 ? base : `${base}-${n}`;
    if (!used.has(id)) return id;
  }
}

export const LOCALE_PATTERN = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/;

// The number at `key`, or undefined when absent or not a number (for fields
// that show a placeholder for the default).
export function numberAt(object: JsonObject | null | undefined, key: string): number | undefined {
  const value = object?.[key];
  return typeof value === 'number' ? value : undefined;
}
