// The buttons of one step's content in one locale (up to 4): label, action
// (with its URL or guide), style. Fields an action does not use are removed,
// because the format refuses them.
import { h } from '../shared/dom';
import type { EditorContext } from './editor_context';
import { checkboxField, editButton, plainOptions, selectField, textField } from './form_fields';
import { guideChoiceField } from './guide_choice_field';
import { BUTTON_ACTIONS, BUTTON_STYLES, arrayAt, isObject, type JsonObject } from './guide_types';
import { toPointer, type Path } from '../shared/json_pointer';

export const MAX_BUTTONS = 4;

const ACTION_LABELS: Record<string, string> = {
  next: 'Next step', back: 'Previous step', dismiss: 'Dismiss the guide', complete: 'Complete the guide',
  url: 'Open a link', launch_guide: 'Start another guide',
};

export function buttonsEditor(ctx: EditorContext, content: JsonObject, path: Path, rerender: () => void): HTMLElement {
  const buttons = Array.isArray(content.buttons) ? content.buttons : [];
  const changed = () => ctx.draft.changed();
  const rows = buttons.map((button, i) => {
    if (!isObject(button)) return null;
    const at = [...path, 'buttons', i];
    const action = String(button.action ?? 'next');
    return h('div', { class: 'button-row', 'data-pointer': toPointer(at) },
      textField(ctx, { label: `Button ${i + 1} label`, pointer: toPointer([...at, 'label']), value: String(button.label ?? ''),
        onChange: (v) => { button.label = v; changed(); } }),
      selectField(ctx, { label: 'Action', pointer: toPointer([...at, 'action']), value: action,
        options: BUTTON_ACTIONS.map((a) => [a, ACTION_LABELS[a] ?? a] as const),
        onChange: (v) => {
          button.action = v;
          if (v !== 'url') { delete button.url; delete button.new_tab; }
          if (v !== 'launch_guide') delete button.guide_id;
          if (v === 'url') button.url ??= 'https://';
          if (v === 'launch_guide') button.guide_id ??= '';
          changed();
          rerender();
        } }),
      action === 'url' ? textField(ctx, { label: 'Link', pointer: toPointer([...at, 'url']), value: String(button.url ?? ''),
        placeholder: 'https://… or /path', onChange: (v) => { button.url = v; changed(); } }) : null,
      action === 'url' ? checkboxField(ctx, { label: 'Open in a new tab', pointer: toPointer([...at, 'new_tab']), checked: button.new_tab === true,
        onChange: (v) => { if (v) button.new_tab = true; else delete button.new_tab; changed(); } }) : null,
      action === 'launch_guide' ? guideChoiceField(ctx, { label: 'Guide to start', pointer: toPointer([...at, 'guide_id']), value: String(button.guide_id ?? ''),
        onChange: (v) => { button.guide_id = v; changed(); } }) : null,
      selectField(ctx, { label: 'Style', pointer: toPointer([...at, 'style']), value: String(button.style ?? 'primary'), options: plainOptions(BUTTON_STYLES),
        onChange: (v) => { button.style = v; changed(); } }),
      editButton(ctx, 'Remove', () => { buttons.splice(i, 1); changed(); rerender(); }, { class: 'link-button', 'aria-label': `Remove button ${i + 1}` }));
  });
  return h('fieldset', { class: 'buttons-editor', 'data-pointer': toPointer([...path, 'buttons']) },
    h('legend', {}, 'Buttons'),
    rows.length ? rows : h('p', { class: 'muted' }, 'No buttons.'),
    buttons.length < MAX_BUTTONS
      ? editButton(ctx, 'Add button', () => {
        arrayAt(content, 'buttons').push({ label: buttons.length ? 'Next' : 'Got it', action: buttons.length ? 'next' : 'complete', style: 'primary' });
        changed();
        rerender();
      })
      : null);
}
