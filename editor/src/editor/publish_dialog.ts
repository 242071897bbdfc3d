// Asks for an optional note before publishing; resolves with the note, or
// null when cancelled. A native <dialog>: focus is trapped and Esc cancels.
import { h } from '../shared/dom';
import { MAX_PUBLISH_NOTE_BYTES, tooLongProblem } from './byte_limits';
import { fieldId } from './form_fields';

export function askPublishNote(): Promise<string | null> {
  return new Promise((resolve) => {
    const id = fieldId('publish-note');
    // No maxlength: it counts characters, the collector bytes.
    const note = h('input', { id, type: 'text', placeholder: 'What changed (optional)', 'aria-describedby': `${id}-error` });
    const error = h('p', { class: 'form-error', role: 'alert', id: `${id}-error` });
    const publish = h('button', { type: 'submit', class: 'primary' }, 'Publish now');
    const cancel = h('button', { type: 'button' }, 'Cancel');
    const dialog = h('dialog', { class: 'dialog', 'aria-labelledby': `${id}-title` },
      h('form', { method: 'dialog' },
        h('h2', { id: `${id}-title` }, 'Publish this guide'),
        h('p', {}, 'Users matching the targeting see it on their next page load.'),
        h('label', { for: id }, 'Note for the history'), note, error,
        h('div', { class: 'row dialog-buttons' }, cancel, publish)));
    let result: string | null = null;
    dialog.querySelector('form')!.addEventListener('submit', (event) => {
      const tooLong = tooLongProblem(note.value.trim(), MAX_PUBLISH_NOTE_BYTES);
      if (tooLong) {
        event.preventDefault();  // The dialog stays open with the note.
        error.textContent = `${tooLong} Shorten the note.`;
        note.focus();
        return;
      }
      result = note.value.trim();
    });
    cancel.addEventListener('click', () => dialog.close());
    dialog.addEventListener('close', () => { dialog.remove(); resolve(result); });
    document.body.append(dialog);
    dialog.showModal();
    note.focus();
  });
}
