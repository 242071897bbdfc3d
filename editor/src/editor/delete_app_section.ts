// App settings' danger zone: deletes the app with everything it stored
// (DELETE /api/apps/{app_id}, docs/api.md "Deleting an app"). It says what
// goes (guides, write keys, saved funnels, events, counted when they can be
// read), and the button stays disabled until the app's name is typed again,
// since nothing brings any of it back. Afterwards the editor opens another
// app, or the "No apps yet" page when none is left.
import type { App } from '../shared/model';
import { h } from '../shared/dom';
import { describeError, notify } from '../shared/notices';
import type { ShellContext } from '../shared/shell';
import { fieldId } from './form_fields';

interface Deleted { app_id: string; name: string; write_keys: number; guides: number; guide_versions: number; saved_funnels: number }

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString()} ${n === 1 ? one : many}`;
}

// "3 guides", or `fallback` when the count cannot be read.
async function counted(read: () => Promise<number>, one: string, fallback: string): Promise<string> {
  try { return plural(await read(), one); } catch { return fallback; }
}

// What deleting the app takes, as a sentence's list.
async function whatGoes(shell: ShellContext, base: string): Promise<string> {
  const { api } = shell;
  const parts = await Promise.all([
    counted(async () => (await api.get<{ guides: unknown[] }>(`${base}/guides`)).guides.length, 'guide', 'its guides'),
    counted(async () => (await api.get<{ keys: unknown[] }>(`${base}/keys`)).keys.length, 'write key', 'its write keys'),
    counted(async () => (await api.get<{ funnels: unknown[] }>(`${base}/funnels`)).funnels.length, 'saved funnel', 'its saved funnels'),
    counted(async () => (await api.get<{ events: number }>(`${base}/catalog`)).events, 'event', 'its events'),
  ]);
  return `${parts[0]} (with their drafts and published versions), ${parts[1]}, ${parts[2]} and ${parts[3]}`;
}

export function deleteAppSection(shell: ShellContext, app: App): HTMLElement {
  const base = `/api/apps/${encodeURIComponent(app.id)}`;
  const confirmId = fieldId('delete-app-confirm');
  const confirmInput = h('input', { id: confirmId, type: 'text', autocomplete: 'off', spellcheck: 'false' });
  const button = h('button', { type: 'submit', class: 'danger', id: 'delete-app', disabled: true }, 'Delete this app');
  const result = h('div', { 'aria-live': 'polite' });
  const matches = () => confirmInput.value === app.name;
  // Rename (above) changes app.name in place: the name to type follows it.
  const nameShown = h('code', {}, app.name);
  confirmInput.addEventListener('focus', () => { nameShown.textContent = app.name; });
  const warning = (what: string) =>
    `Deletes ${app.name} and everything it stored: ${what}. Your product's SDK stops working at once (its write keys are refused). This cannot be undone.`;
  // The counts come from four requests (the catalog may take a moment on a large app).
  const explanation = h('p', { id: 'delete-app-what' }, warning('its guides, write keys, saved funnels and events'));
  void whatGoes(shell, base).then((what) => { explanation.textContent = warning(what); });
  confirmInput.addEventListener('input', () => { button.disabled = !matches(); });
  const form = h('form', { class: 'card danger-zone', 'aria-labelledby': 'delete-app-heading' },
    h('h2', { id: 'delete-app-heading' }, 'Delete this app'),
    explanation,
    h('label', { for: confirmId }, 'Type the app\'s name to confirm: ', nameShown),
    h('div', { class: 'row' }, confirmInput, button),
    result);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (!matches()) return;
    button.disabled = true;
    form.setAttribute('aria-busy', 'true');
    try {
      const done = (await shell.api.request<{ deleted: Deleted }>('DELETE', base, { confirm_name: app.name })).deleted;
      const at = shell.apps.findIndex((a) => a.id === app.id);
      if (at >= 0) shell.apps.splice(at, 1);
      notify(`Deleted ${done.name}: ${plural(done.guides, 'guide')}, ${plural(done.write_keys, 'write key')}; its events are being removed.`, 'success', 8000);
      // Another app, or none: the guide list then offers to create one.
      shell.selectApp(shell.apps[0]?.id ?? '');
    } catch (err) {
      result.replaceChildren(h('p', { class: 'form-error', role: 'alert' }, `Not deleted: ${describeError(err)}`));
      button.disabled = !matches();
    } finally {
      form.setAttribute('aria-busy', 'false');
    }
  });
  return form;
}
