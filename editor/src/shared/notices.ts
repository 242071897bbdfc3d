// Status messages: a visible toast plus a polite live region, so screen-reader
// users hear "Saved" or an error without losing their place.
import { h } from './dom';
import { fromPointer } from './json_pointer';

let region: HTMLElement | null = null;

function liveRegion(): HTMLElement {
  if (!region) {
    region = h('div', { class: 'notices', role: 'status', 'aria-live': 'polite' });
    document.body.append(region);
  }
  return region;
}

export function notify(message: string, kind: 'info' | 'success' | 'error' = 'info', timeoutMs = 5000): void {
  const note = h('div', { class: `notice notice-${kind}` }, message);
  if (kind === 'error') note.setAttribute('role', 'alert');
  liveRegion().append(note);
  setTimeout(() => note.remove(), timeoutMs);
}

// A problem's place in words when the page has no names of its own for it:
// "/steps/0/event" reads "steps › 1 › event", the whole body "the request".
export function pointerWords(pointer: string): string {
  if (pointer === '') return 'the request';
  return fromPointer(pointer)
    .map((part) => (/^\d+$/.test(part) ? String(Number(part) + 1) : part.replace(/_/g, ' ')))
    .join(' › ');
}

// A message for a failed request, with the first problems spelled out.
// `label` names a problem's place in the words of the page that sent the
// request (the editor passes its field names for a guide's pointers).
export function describeError(error: unknown, label: (pointer: string) => string = pointerWords): string {
  if (error && typeof error === 'object' && 'code' in error && 'message' in error) {
    const { message, problems } = error as { message: string; problems?: Array<{ pointer: string; reason: string }> };
    const listed = (problems ?? []).slice(0, 3);
    if (!listed.length) return message;
    const details = listed.map((p) => `${label(p.pointer)}: ${p.reason}`).join('; ');
    const more = problems!.length - listed.length;
    const all = more > 0 ? `${details}; and ${more} more` : details;
    // The collector's message for a refused body is the raw list of its
    // problems ("/steps/0/title: ..."): the named list replaces it.
    return message.includes(listed[0]!.reason) ? all : `${message} (${all})`;
  }
  return error instanceof Error ? error.message : String(error);
}
