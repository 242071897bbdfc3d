// Status messages: a visible toast plus a polite live region, so screen-reader
// users hear "Saved" or an error without losing their place.
import { h } from './dom';

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

// A message for a failed request, with the first problems spelled out.
export function describeError(error: unknown): string {
  if (error && typeof error === 'object' && 'code' in error && 'message' in error) {
    const { message, problems } = error as { message: string; problems?: Array<{ pointer: string; reason: string }> };
    const details = (problems ?? []).slice(0, 3).map((p) => `${p.pointer || '/'}: ${p.reason}`);
    return details.length && !message.includes(details[0]!) ? `${message} (${details.join('; ')})` : message;
  }
  return error instanceof Error ? error.message : String(error);
}
