// Whether the user is typing in a field of the page: the focus is in a text
// field, a text area, a select or editable content, and the last key they
// pressed went there. A step that took the focus then took the keys that
// followed (a Space pressed its button): step_presenter.ts shows it without
// the focus, or (a modal) waits for a pause.
import { deepActiveElement } from './focus_trap';

// Not the inputs that are buttons, boxes or radio buttons: a key pressed there
// (Enter on a step's target) is no typing.
const FIELD = 'input:not([type=button],[type=submit],[type=checkbox],[type=radio]),textarea,select';
// Where the last key went, and when (the event's time: performance.now()'s clock).
let last: [EventTarget | undefined, number] = [undefined, 0];

// The document's capture-phase keydown listener (the presenter adds it).
export function noteKey(e: KeyboardEvent): void {
  last = [e.composedPath()[0], e.timeStamp];
}

// `within`: and that key was pressed at most that many ms ago.
export function typing(within = Infinity): boolean {
  const a = deepActiveElement() as HTMLElement | null;
  return !!a && a === last[0] && performance.now() - last[1] < within && (a.isContentEditable || a.matches(FIELD));
}
