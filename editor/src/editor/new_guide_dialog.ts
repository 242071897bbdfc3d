// "New guide": a name and the kind of guide to start from. Resolves with the
// created guide's id, or null when cancelled.
import type { Api } from '../shared/api';
import { h } from '../shared/dom';
import { describeError } from '../shared/notices';
import { MAX_GUIDE_NAME_BYTES, tooLongProblem } from './byte_limits';
import { fieldId } from './form_fields';
import { GuideApi } from './guide_api';
import { GUIDE_TEMPLATES, newGuide } from './guide_templates';
import type { StepKind } from './guide_types';

export function newGuideDialog(api: Api, appId: string): Promise<string | null> {
  return new Promise((resolve) => {
    const nameId = fieldId('new-guide-name');
    // No maxlength: it counts characters (and cuts a paste silently), the codec bytes.
    const name = h('input', { id: nameId, type: 'text', required: true, placeholder: 'e.g. Welcome tour', dir: 'auto', 'aria-describedby': `${nameId}-error` });
    const kinds = h('fieldset', { class: 'kind-choices' }, h('legend', {}, 'Kind of guide'),
      GUIDE_TEMPLATES.map((t, i) => {
        const id = fieldId('kind');
        return h('div', { class: 'kind-choice' },
          h('input', { type: 'radio', name: 'kind', id, value: t.kind, checked: i === 0, 'aria-describedby': `${id}-d` }),
          h('label', { for: id }, t.label), h('div', { class: 'hint', id: `${id}-d` }, t.description));
      }));
    const error = h('p', { class: 'form-error', role: 'alert', id: `${nameId}-error` });
    const create = h('button', { type: 'submit', class: 'primary' }, 'Create');
    const cancel = h('button', { type: 'button' }, 'Cancel');
    const form = h('form', {},
      h('h2', { id: `${nameId}-title` }, 'New guide'),
      h('label', { for: nameId }, 'Name'), name, kinds, error,
      h('div', { class: 'row dialog-buttons' }, cancel, create));
    const dialog = h('dialog', { class: 'dialog', 'aria-labelledby': `${nameId}-title` }, form);
    let created: string | null = null;
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const kind = (form.querySelector<HTMLInputElement>('input[name=kind]:checked')?.value ?? 'tooltip') as StepKind;
      if (!name.value.trim()) { error.textContent = 'Give the guide a name.'; name.focus(); return; }
      const tooLong = tooLongProblem(name.value.trim(), MAX_GUIDE_NAME_BYTES);
      if (tooLong) { error.textContent = `${tooLong} Shorten the name.`; name.focus(); return; }
      create.disabled = true;
      try {
        created = (await new GuideApi(api, appId).create(newGuide(kind, name.value.trim()))).guide.id;
        dialog.close();
      } catch (e) {
        error.textContent = describeError(e);
      } finally {
        create.disabled = false;
      }
    });
    cancel.addEventListener('click', () => dialog.close());
    dialog.addEventListener('close', () => { dialog.remove(); resolve(created); });
    document.body.append(dialog);
    dialog.showModal();
    name.focus();
  });
}
