// Readable names for the JSON Pointers the collector reports problems at
// (`/trigger/pages/include/0/path` → "Show on pages › rule 1 › path"), in the
// editor's own words, so a problem names the field a non-engineer can fix.
// The shapes below follow docs/guide-format.md; a pointer they do not know
// still reads as words ("anchor 2", "max depth"), never as a raw index.
import { fromPointer } from '../shared/json_pointer';
import { ATTRIBUTE_OPS, isObject, type JsonObject } from './guide_types';

// How one JSON value's children are named: `fields` by key (an empty name
// folds the segment into its parent, as the editor shows it), `each` for the
// elements of an array ("rule 1"), `keyed` for keys the author chose (locales,
// item ids). A field without a shape names its children by the fallback.
// `listed` lists drop their own name before an element's ("button 1", not
// "buttons › button 1"); the element's noun says it already.
interface Shape {
  fields?: Record<string, readonly [string, Shape?]>;
  each?: readonly [string, Shape?];
  listed?: boolean;
  keyed?: readonly [(key: string) => string, Shape?];
}

const URL_RULE: Shape = {
  fields: {
    path: ['path'], hash: ['URL fragment (after #)'],
    query: ['query', { listed: true, each: ['query condition', { fields: { name: ['parameter'], op: ['operator'], value: ['value'] } }] }],
  },
};
const PAGE_SET: Shape = { fields: { include: ['Show on pages', { each: ['rule', URL_RULE] }], exclude: ['Not on pages', { each: ['rule', URL_RULE] }] } };
// A fingerprint's own fields (docs/fingerprint.md) are named by the fallback.
const FINGERPRINT: Shape = {};
const ELEMENT: Shape = { fields: { fingerprint: ['', FINGERPRINT] } };

// Audience nodes nest: groups name their children "condition N"; `all`, `any`
// and `not` fold away because the editor shows them as the group's own controls.
const AUDIENCE_NODE: Shape = { fields: {} };
AUDIENCE_NODE.fields = {
  all: ['', { each: ['condition', AUDIENCE_NODE] }], any: ['', { each: ['condition', AUDIENCE_NODE] }], not: ['', AUDIENCE_NODE],
  attribute: ['attribute'], op: ['operator'], value: ['value', { each: ['value'] }],
  event: ['event'], at_least: ['at least (times)'], at_most: ['at most (times)'], within_ms: ['in the last (days)'],
  guide: ['guide id'], history: ['has'], rollout: ['percent of users'], salt: ['bucketing salt'],
};

const BUTTON: Shape = {
  fields: { label: ['label'], action: ['action'], url: ['link'], new_tab: ['open in a new tab'], guide_id: ['guide id'], style: ['style'] },
};
const CONTENT: Shape = {
  fields: {
    title: ['title'], body: ['text'], buttons: ['buttons', { listed: true, each: ['button', BUTTON] }],
    media: ['image or video', { fields: { url: ['media URL'], kind: ['media kind'], alt: ['alt text'] } }],
    labels: ['item texts', { keyed: [(id) => `text for "${id}"`] }],
  },
};
const STEP: Shape = {
  fields: {
    id: ['step id'], kind: ['kind'], target: ['target element', ELEMENT],
    content: ['content', { keyed: [(locale) => locale, CONTENT] }],
    items: ['checklist items', {
      listed: true,
      each: ['item', { fields: { id: ['item id'], action: ['when clicked'], url: ['page'], guide_id: ['guide id'], completed_by_guide: ['ticked when this guide is completed'] } }],
    }],
    survey: ['question', { fields: { kind: ['question type'], scale: ['scale'], multiple: ['allow several answers'], options: ['options', { listed: true, each: ['option'] }] } }],
    placement: ['placement', { fields: { side: ['side'], align: ['alignment'], offset_px: ['distance (px)'], arrow: ['arrow'] } }],
    advance: ['go to the next step when', {
      fields: { kind: ['moves on when'], pages: ['', PAGE_SET], event: ['event name'], element: ['element', FINGERPRINT] },
    }],
    missing_target: ['if the element is not on the page', { fields: { wait_ms: ['wait for it (ms)'], then: ['then'] } }],
    page: ['page of this step', URL_RULE],
    backdrop: ['dim the page (backdrop)'],
    variants: ['experiment variants', { listed: true, each: ['variant'] }],
  },
};

const GUIDE: Shape = {
  fields: {
    schema: ['Format version'], id: ['Guide id'], name: ['Guide name'], version: ['Version'], status: ['Status'],
    priority: ['Priority'], environments: ['Environments', { listed: true, each: ['environment'] }], fallback_locale: ['Fallback language'],
    ui_text: ['The SDK\'s words'],
    trigger: ['When it starts', {
      fields: { kind: ['start when'], pages: ['', PAGE_SET], element: ['element', FINGERPRINT], event: ['event name'], delay_ms: ['delay after the trigger (ms)'] },
    }],
    audience: ['Who sees it', AUDIENCE_NODE],
    schedule: ['Schedule', { fields: { start: ['start'], end: ['end'] } }],
    frequency: ['How often', { fields: { kind: [''], times: ['times'], window_ms: ['within (days)'] } }],
    theme: ['Theme', {
      fields: {
        accent_color: ['accent colour'], background_color: ['background colour'], text_color: ['text colour'], border_color: ['border colour'],
        font_family: ['font'], font_size_px: ['text size'], radius_px: ['corner radius (px)'],
      },
    }],
    experiment: ['A/B experiment', {
      fields: { holdout_percent: ['holdout (%)'], salt: ['bucketing salt'], variants: ['variants', { listed: true, each: ['variant', { fields: { id: ['id'], weight: ['weight'] } }] }] },
    }],
  },
};

// A name for a segment no shape knows: words for keys, a 1-based number after
// the parent's singular for indices ("anchors/1" → "anchor 2").
function fallbackName(segment: string, parent: string | undefined): string {
  if (/^\d+$/.test(segment)) {
    const noun = parent === undefined || /^\d+$/.test(parent) ? 'item'
      : parent.replace(/_/g, ' ').replace(/ies$/, 'y').replace(/([^s])s$/, '$1');
    return `${noun} ${Number(segment) + 1}`;
  }
  return segment.replace(/_/g, ' ');
}

// One name per segment of `parts` ('' for a folded segment), starting at `shape`.
function segmentNames(parts: string[], shape: Shape | undefined): string[] {
  const names: string[] = [];
  let current = shape;
  parts.forEach((segment, i) => {
    const field = current?.fields?.[segment];
    if (field) {
      names.push(field[1]?.listed && /^\d+$/.test(parts[i + 1] ?? '') ? '' : field[0]);
      current = field[1];
    } else if (current?.each && /^\d+$/.test(segment)) {
      names.push(`${current.each[0]} ${Number(segment) + 1}`);
      current = current.each[1];
    } else if (current?.keyed) {
      names.push(current.keyed[0](segment));
      current = current.keyed[1];
    } else {
      names.push(fallbackName(segment, parts[i - 1]));
      current = undefined;
    }
  });
  return names;
}

function join(names: string[]): string {
  const text = names.filter(Boolean).join(' › ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

// The step a pointer's first two segments name: "Step 2 (save)".
export function stepName(guide: JsonObject, index: number): string {
  const step = Array.isArray(guide.steps) ? guide.steps[index] : undefined;
  return `Step ${index + 1}${isObject(step) && typeof step.id === 'string' && step.id ? ` (${step.id})` : ''}`;
}

// The readable name of the value at `pointer` in `guide`. Fragments the
// editor adds to field pointers (`/audience#rollout`) are not part of it.
export function pointerLabel(guide: JsonObject, pointer: string): string {
  const parts = fromPointer(pointer.split('#')[0]!);
  if (parts.length === 0) return 'The guide';
  if (parts[0] === 'steps') {
    if (parts[1] === undefined || !/^\d+$/.test(parts[1])) return join(['Steps', ...segmentNames(parts.slice(1), undefined)]);
    return join([stepName(guide, Number(parts[1])), ...segmentNames(parts.slice(2), STEP)]);
  }
  return join(segmentNames(parts, GUIDE));
}

// The part of a problem's name below the field that shows it ("fingerprint ›
// anchor 2" under the target picker); '' when the problem is at the field.
export function labelBelow(pointer: string, fieldPointer: string): string {
  const field = fieldPointer.split('#')[0]!;
  const all = fromPointer(pointer);
  const above = fromPointer(field).length;
  if (all.length <= above) return '';
  const names = all[0] === 'steps' && /^\d+$/.test(all[1] ?? '')
    ? ['', '', ...segmentNames(all.slice(2), STEP)]
    : segmentNames(all, GUIDE);
  return names.slice(above).filter(Boolean).join(' › ');
}

// Durations the format keeps in milliseconds but the editor edits in days
// (form_fields.ts daysField): their range reads in days, not as
// "between 1 and 31622400000" under a field in days.
const DAY_MS = 86400000;
const IN_DAYS = /\/(within_ms|window_ms)$/;
function rangeInDays(reason: string): string {
  return reason.replace(/\bmust be between (\d+) and (\d+)$/, (_, low: string, high: string) =>
    `must be ${Number(low) <= 1 ? 'more than 0' : `at least ${Number(low) / DAY_MS}`} and at most ${Number(high) / DAY_MS} days`);
}

// The collector's reasons name format values ("for op in", "for kind banner",
// "less than at_least (3)"): in the editor they read as its own controls do.
// `pointer`, the problem's, lets a reason speak in the field's own unit.
const OPERATOR_WORDS = new Map<string, string>(ATTRIBUTE_OPS);
export function reasonWords(reason: string, pointer = ''): string {
  return (IN_DAYS.test(pointer) ? rangeInDays(reason) : reason)
    .replace(/\bfor op (\w+)/g, (_, op: string) => `for the operator "${OPERATOR_WORDS.get(op) ?? op.replace(/_/g, ' ')}"`)
    .replace(/\bfor kind (\w+)/g, (_, kind: string) => `for a ${kind.replace(/_/g, ' ')}`)
    .replace(/\b(at_least|at_most)\b/g, (name: string) => `"${name.replace('_', ' ')}"`);
}
