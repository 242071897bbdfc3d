// A schedule time: the author picks a local date and time, the guide stores
// ISO-8601 UTC ("2026-12-01T09:00:00Z") as the format requires.
import type { EditorContext } from './editor_context';
import { fieldShell } from './form_fields';
import { h } from '../shared/dom';

function toLocalInput(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const local = new Date(date.getTime() - date.getTimezoneOffset() * 60000);
  return local.toISOString().slice(0, 16);
}

export function toUtcIso(localValue: string): string | null {
  const date = new Date(localValue);
  if (Number.isNaN(date.getTime())) return null;
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

// The offset at `at`, not today's: daylight saving moves it between a
// winter and a summer date.
function zoneName(at: Date): string {
  const minutes = -at.getTimezoneOffset();
  const sign = minutes >= 0 ? '+' : '-';
  const abs = Math.abs(minutes);
  return `UTC${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

// The hint names the offset of the chosen date and time (now's while none is chosen).
function zoneHint(localValue: string): string {
  const chosen = new Date(localValue);
  return `Your time (${zoneName(Number.isNaN(chosen.getTime()) ? new Date() : chosen)}). Empty = no limit.`;
}

export function scheduleField(ctx: EditorContext, label: string, pointer: string, value: string | undefined, onChange: (iso: string | undefined) => void): HTMLElement {
  const input = h('input', { type: 'datetime-local' });
  input.value = value ? toLocalInput(value) : '';
  input.disabled = ctx.readOnly;
  input.addEventListener('change', () => onChange(input.value ? toUtcIso(input.value) ?? undefined : undefined));
  const field = fieldShell(ctx, { label, pointer, hint: zoneHint(input.value) }, input);
  const hint = field.querySelector('.hint');
  input.addEventListener('input', () => { if (hint) hint.textContent = zoneHint(input.value); });
  return field;
}
