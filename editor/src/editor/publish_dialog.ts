// Asks for an optional note before publishing; resolves with the note, or
// null when cancelled. A native <dialog>: focus is trapped and Esc cancels.
import { h } from '../shared/dom';
import { fieldId } from './form_fields';

export function askPublishNote(): Promise<string | null> {
  return new Promise((resolve) => {
    const id = fieldId('publish-note');
    const note = h('input', { id, type: 'text', maxlength: 1000, placeholder: 'What changed (optional)' });
    const publish = h('button', { type: 'submit', class: 'primary' }, 'Publish now');
    const cancel = h('button', { type: 'button' }, 'Cancel');
    const dialog = h('dialog', { class: 'dialog', 'aria-labelledby': `${id}-title` },
      h('form', { method: 'dialog' },
        h('h2', { id: `${id}-title` }, 'Publish this guide'),
        h('p', {}, 'Users matching the targeting see it on their next page load.'),
        h('label', { for: id }, 'Note for the history'), note,
        h('div', { class: 'row dialog-buttons' }, cancel, publish)));
    let result: string | null = null;
    dialog.querySelector('form')!.addEventListener('submit', () => { result = note.value.trim(); });
    cancel.addEventListener('click', () => dialog.close());
    dialog.addEventListener('close', () => { dialog.remove(); resolve(result); });
    document.body.append(dialog);
    dialog.showModal();
    note.focus();
  });
}
