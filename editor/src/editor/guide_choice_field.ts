// Which other guide a button or checklist item starts, or an audience
// condition asks about, chosen by its name among the app's guides. It was a
// text field for the guide's id ("g_32c4…"), which the editor shows nowhere
// but in the address bar, and a mistyped id gave a button that did nothing.
import type { EditorContext } from './editor_context';
import { selectField } from './form_fields';

export interface GuideChoice {
  id: string;
  name: string;
  status: string;
}

export function guideChoiceField(ctx: EditorContext, base: {
  label: string; pointer: string; value: string; optional?: boolean; onChange(id: string): void;
}): HTMLElement {
  const options: Array<readonly [string, string]> = [['', base.optional ? 'None' : 'Choose a guide…']];
  for (const g of ctx.guides) {
    const notes = [g.id === ctx.draft.id ? 'this guide' : '', g.status === 'archived' ? 'archived' : ''].filter(Boolean);
    options.push([g.id, notes.length ? `${g.name} (${notes.join(', ')})` : g.name]);
  }
  // An id that names none of them (a guide deleted since, or made elsewhere) stays, and says so.
  if (base.value && !ctx.guides.some((g) => g.id === base.value)) options.push([base.value, `${base.value} (no guide of this app has this id)`]);
  return selectField(ctx, { label: base.label, pointer: base.pointer, value: base.value, options, onChange: base.onChange });
}
