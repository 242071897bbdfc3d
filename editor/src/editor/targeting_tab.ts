// The Targeting tab: when the guide starts (trigger and its pages), who sees
// it (audience, rollout), how often, its priority, schedule, environments and
// A/B experiment.
import { h } from '../shared/dom';
import { audienceEditor, rolloutField } from './audience_editor';
import type { EditorContext } from './editor_context';
import { checkboxField, daysField, editButton, numberField, numberOrDelete, selectField, textField, textOrDelete } from './form_fields';
import { FREQUENCY_KINDS, TRIGGER_KINDS, arrayAt, isObject, objectAt, type JsonObject, numberAt } from './guide_types';
import { rebuildable } from './rebuildable';
import { scheduleField } from './schedule_field';
import { targetPicker } from './target_picker';
import { pageSetEditor } from './url_rules_editor';

const TRIGGER_LABELS: Record<string, string> = {
  page_load: 'A matching page is shown', element_appears: 'An element appears on a matching page',
  element_clicked: 'An element is clicked on a matching page', custom_event: 'Your app tracks an event on a matching page',
  manual: 'Only when started by a button, checklist or your code',
};
const FREQUENCY_LABELS: Record<string, string> = {
  once: 'Once per user', until_completed: 'Every session until completed', every_session: 'Once every session', at_most: 'At most N times',
};

function section(title: string, id: string, ...children: Array<Node | null | Array<Node | null>>): HTMLElement {
  return h('section', { class: 'card targeting-section', 'aria-labelledby': id }, h('h2', { id }, title), children.flat());
}

function triggerSection(ctx: EditorContext, guide: JsonObject): HTMLElement {
  return rebuildable((rerender) => {
    const trigger = objectAt(guide, 'trigger');
    const kind = String(trigger.kind ?? 'page_load');
    return [section('When it starts', 'trigger-heading',
      selectField(ctx, { label: 'Start when', pointer: '/trigger/kind', value: kind, options: TRIGGER_KINDS.map((k) => [k, TRIGGER_LABELS[k] ?? k] as const),
        onChange: (v) => {
          trigger.kind = v;
          if (v !== 'element_appears' && v !== 'element_clicked') delete trigger.element;
          if (v !== 'custom_event') delete trigger.event;
          else trigger.event ??= '';
          ctx.draft.changed();
          rerender();
        } }),
      kind === 'element_appears' || kind === 'element_clicked'
        ? targetPicker(ctx, { holder: trigger, key: 'element', wrapped: false, path: ['trigger', 'element'], label: 'Element', required: true }, rerender) : null,
      kind === 'custom_event' ? textField(ctx, { label: 'Event name', pointer: '/trigger/event', value: String(trigger.event ?? ''),
        list: ctx.catalog.events.length ? 'catalog-events' : undefined, onChange: (v) => { trigger.event = v; ctx.draft.changed(); } }) : null,
      pageSetEditor(ctx, objectAt(trigger, 'pages'), ['trigger', 'pages'], rerender),
      numberField(ctx, { label: 'Delay after the trigger (ms)', pointer: '/trigger/delay_ms', value: numberAt(trigger, 'delay_ms'),
        min: 0, max: 60000, step: 100, placeholder: '0', onChange: (v) => { numberOrDelete(trigger, 'delay_ms', v); ctx.draft.changed(); } }))];
  });
}

function frequencySection(ctx: EditorContext, guide: JsonObject): HTMLElement {
  return rebuildable((rerender) => {
    const frequency = isObject(guide.frequency) ? guide.frequency : { kind: 'once' };
    const kind = String(frequency.kind ?? 'once');
    return [section('How often and in what order', 'frequency-heading',
      h('div', { class: 'row' },
        selectField(ctx, { label: 'How often', pointer: '/frequency/kind', value: kind, options: FREQUENCY_KINDS.map((k) => [k, FREQUENCY_LABELS[k] ?? k] as const),
          onChange: (v) => { guide.frequency = v === 'at_most' ? { kind: v, times: 3 } : { kind: v }; ctx.draft.changed(); rerender(); } }),
        kind === 'at_most' ? numberField(ctx, { label: 'Times', pointer: '/frequency/times', value: numberAt(frequency, 'times'),
          min: 1, max: 100, onChange: (v) => { numberOrDelete(frequency, 'times', v); ctx.draft.changed(); } }) : null,
        kind === 'at_most' ? daysField(ctx, { label: 'Within (days)', pointer: '/frequency/window_ms', object: frequency, key: 'window_ms' }) : null,
        numberField(ctx, { label: 'Priority (0-1000, higher wins)', pointer: '/priority', value: numberAt(guide, 'priority'),
          min: 0, max: 1000, placeholder: '0', onChange: (v) => { numberOrDelete(guide, 'priority', v); ctx.draft.changed(); } })))];
  });
}

function scheduleSection(ctx: EditorContext, guide: JsonObject): HTMLElement {
  const schedule = () => objectAt(guide, 'schedule');
  const current = isObject(guide.schedule) ? guide.schedule : {};
  const environments = new Set(Array.isArray(guide.environments) ? guide.environments.map(String) : []);
  const setEnvironment = (name: string, on: boolean) => {
    if (on) environments.add(name); else environments.delete(name);
    if (environments.size) guide.environments = [...environments]; else delete guide.environments;
    ctx.draft.changed();
  };
  return section('Schedule and environments', 'schedule-heading',
    h('div', { class: 'row' },
      scheduleField(ctx, 'Start', '/schedule/start', typeof current.start === 'string' ? current.start : undefined,
        (iso) => { textOrDelete(schedule(), 'start', iso ?? ''); ctx.draft.changed(); }),
      scheduleField(ctx, 'End', '/schedule/end', typeof current.end === 'string' ? current.end : undefined,
        (iso) => { textOrDelete(schedule(), 'end', iso ?? ''); ctx.draft.changed(); })),
    h('div', { class: 'row', role: 'group', 'aria-label': 'Environments (none ticked = all)' },
      h('span', { class: 'field-label' }, 'Environments (none ticked = all):'),
      checkboxField(ctx, { label: 'staging', pointer: '/environments#staging', checked: environments.has('staging'), onChange: (v) => setEnvironment('staging', v) }),
      checkboxField(ctx, { label: 'production', pointer: '/environments', checked: environments.has('production'), onChange: (v) => setEnvironment('production', v) })));
}

function experimentSection(ctx: EditorContext, guide: JsonObject): HTMLElement {
  return rebuildable((rerender) => {
    const experiment = isObject(guide.experiment) ? guide.experiment : null;
    if (!experiment) {
      return [section('A/B experiment', 'experiment-heading',
        h('p', { class: 'muted' }, 'Split users into variants (steps can be shown in some variants only) and keep a holdout group that never sees the guide.'),
        editButton(ctx, 'Start an experiment', () => {
          guide.experiment = { holdout_percent: 10, variants: [{ id: 'a', weight: 1 }, { id: 'b', weight: 1 }] };
          ctx.draft.changed();
          rerender();
        }))];
    }
    const variants = arrayAt(experiment, 'variants');
    return [section('A/B experiment', 'experiment-heading',
      h('div', { class: 'row' },
        numberField(ctx, { label: 'Holdout (% who never see it)', pointer: '/experiment/holdout_percent', min: 0, max: 99.99, step: 0.01,
          value: numberAt(experiment, 'holdout_percent'),
          onChange: (v) => { numberOrDelete(experiment, 'holdout_percent', v); ctx.draft.changed(); } }),
        textField(ctx, { label: 'Bucketing salt (optional)', pointer: '/experiment/salt', value: String(experiment.salt ?? ''),
          onChange: (v) => { textOrDelete(experiment, 'salt', v); ctx.draft.changed(); } })),
      variants.map((variant, i) => isObject(variant) ? h('div', { class: 'row' },
        textField(ctx, { label: `Variant ${i + 1} id`, pointer: `/experiment/variants/${i}/id`, value: String(variant.id ?? ''),
          onChange: (v) => { variant.id = v; ctx.draft.changed(); } }),
        numberField(ctx, { label: 'Weight', pointer: `/experiment/variants/${i}/weight`, min: 1, max: 10000,
          value: numberAt(variant, 'weight'), placeholder: '1',
          onChange: (v) => { numberOrDelete(variant, 'weight', v); ctx.draft.changed(); } }),
        variants.length > 1 ? editButton(ctx, 'Remove variant', () => { variants.splice(i, 1); ctx.draft.changed(); rerender(); }, { class: 'link-button' }) : null) : null),
      h('div', { class: 'row' },
        variants.length < 10 ? editButton(ctx, 'Add variant', () => {
          variants.push({ id: String.fromCharCode(97 + variants.length), weight: 1 });
          ctx.draft.changed();
          rerender();
        }) : null,
        editButton(ctx, 'End the experiment', () => {
          delete guide.experiment;
          for (const step of Array.isArray(guide.steps) ? guide.steps : []) if (isObject(step)) delete step.variants;
          ctx.draft.changed();
          rerender();
        }, { class: 'danger' })))];
  });
}

export function targetingTab(ctx: EditorContext): HTMLElement {
  const guide = ctx.draft.guide;
  return h('div', { class: 'targeting-tab' },
    triggerSection(ctx, guide),
    rebuildable((rerender) => [section('Who sees it', 'audience-heading',
      ctx.catalog.traits.length || ctx.catalog.events.length ? null : h('p', { class: 'muted' }, 'No data from your app yet: type attribute and event names.'),
      audienceEditor(ctx, guide, rerender),
      rolloutField(ctx, guide, rerender))]),
    frequencySection(ctx, guide),
    scheduleSection(ctx, guide),
    experimentSection(ctx, guide));
}
