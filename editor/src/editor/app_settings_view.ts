// App settings for admins: the app's name, allowed origins (where the SDK may
// run and the editor may open the app), write keys (create / rotate / revoke;
// a secret is shown once), and accounts (create, change role, disable); a
// link to make another app, and the danger zone that deletes this one.
import type { Api } from '../shared/api';
import { formatDateTime, h, scrollingTable } from '../shared/dom';
import { can, type Account, type App, type Role } from '../shared/model';
import { describeError, notify } from '../shared/notices';
import type { ShellContext } from '../shared/shell';
import { originProblems, originsFromText } from './app_origins';
import { deleteAppSection } from './delete_app_section';
import { fieldId } from './form_fields';

interface WriteKey { id: string; prefix: string; created_at_ms: number; revoked_at_ms: number | null }

const ROLES: Role[] = ['viewer', 'editor', 'admin'];

function run(button: HTMLButtonElement, action: () => Promise<void>): void {
  button.addEventListener('click', async () => {
    button.disabled = true;
    try { await action(); } catch (e) { notify(describeError(e), 'error', 8000); } finally { button.disabled = false; }
  });
}

export async function showAppSettings(shell: ShellContext): Promise<void> {
  const { api, app, account, main } = shell;
  if (!app || !can(account, 'manage_apps')) {
    main.replaceChildren(h('h1', {}, 'App settings'), h('p', { role: 'alert' }, 'Only admins can change app settings.'));
    return;
  }
  const base = `/api/apps/${encodeURIComponent(app.id)}`;
  const title = h('h1', {}, `App settings: ${app.name}`);
  const nameId = fieldId('app-name');
  const name = h('input', { id: nameId, type: 'text', value: app.name, 'aria-describedby': `${nameId}-problems` });
  const nameError = h('div', { class: 'field-error', id: `${nameId}-problems`, 'aria-live': 'polite' });
  const rename = h('button', { type: 'button' }, 'Rename');
  run(rename, async () => {
    nameError.textContent = '';
    if (!name.value.trim()) { nameError.textContent = 'Give the app a name.'; return; }
    try {
      app.name = (await api.patch<{ app: App }>(base, { name: name.value.trim() })).app.name;
    } catch (e) {
      nameError.textContent = describeError(e);
      throw e;
    }
    name.value = app.name;
    title.textContent = `App settings: ${app.name}`;
    // The app switcher in the top bar names it too.
    const option = document.querySelector<HTMLOptionElement>(`#app-switcher option[value="${CSS.escape(app.id)}"]`);
    if (option) option.textContent = app.name;
    notify(`Renamed to "${app.name}".`, 'success');
  });
  const originsId = fieldId('origins');
  const origins = h('textarea', { id: originsId, rows: 4 });
  origins.value = app.origins.join('\n');
  const originsError = h('div', { class: 'field-error', id: `${originsId}-problems`, 'aria-live': 'polite' });
  origins.setAttribute('aria-describedby', `${originsId}-problems`);
  const saveOrigins = h('button', { type: 'button', class: 'primary' }, 'Save origins');
  run(saveOrigins, async () => {
    originsError.textContent = '';
    const list = originsFromText(origins.value);
    try {
      const updated = (await api.put<{ app: { origins: string[] } }>(`${base}/origins`, { origins: list })).app;
      app.origins = updated.origins;
      origins.value = app.origins.join('\n');
      notify('Origins saved.', 'success');
    } catch (e) {
      const named = originProblems(e, list);
      originsError.textContent = named ?? describeError(e);
      if (!named) throw e;
      notify('Origins not saved: see the problems under the list.', 'error', 8000);
    }
  });
  const keys = h('div', {});
  const secret = h('div', { role: 'status', 'aria-live': 'polite' });
  const showSecret = (value: string) => secret.replaceChildren(h('div', { class: 'card secret' },
    h('p', {}, 'The new write key, shown only now. Copy it into your app\'s SDK set-up:'), h('code', { class: 'secret-value' }, value)));
  const drawKeys = async () => {
    const list = (await api.get<{ keys: WriteKey[] }>(`${base}/keys`)).keys;
    keys.replaceChildren(scrollingTable(h('table', {},
      h('thead', {}, h('tr', {}, h('th', {}, 'Key'), h('th', {}, 'Created'), h('th', {}, 'State'), h('th', {}, h('span', { class: 'sr-only' }, 'Actions')))),
      h('tbody', {}, list.map((k) => {
        const rotate = h('button', { type: 'button' }, 'Rotate');
        const revoke = h('button', { type: 'button', class: 'danger' }, 'Revoke');
        run(rotate, async () => {
          if (!confirm(`Rotate ${k.prefix}…? The old key stops working at once.`)) return;
          showSecret((await api.post<{ key: { key: string } }>(`${base}/keys/${k.id}/rotate`)).key.key);
          await drawKeys();
        });
        run(revoke, async () => {
          if (!confirm(`Revoke ${k.prefix}…? Apps using it stop loading guides.`)) return;
          await api.delete(`${base}/keys/${k.id}`);
          await drawKeys();
        });
        return h('tr', {}, h('td', {}, h('code', {}, `${k.prefix}…`)), h('td', {}, formatDateTime(k.created_at_ms)),
          h('td', {}, k.revoked_at_ms ? `revoked ${formatDateTime(k.revoked_at_ms)}` : 'active'),
          h('td', {}, k.revoked_at_ms ? null : [rotate, ' ', revoke]));
      })))));
  };
  const newKey = h('button', { type: 'button' }, 'Create write key');
  run(newKey, async () => {
    showSecret((await api.post<{ key: { key: string } }>(`${base}/keys`)).key.key);
    await drawKeys();
  });
  main.replaceChildren(h('div', { class: 'settings' },
    h('div', { class: 'list-header' }, title, h('a', { href: '/editor/apps/new', class: 'settings-link' }, 'New app')),
    h('section', { class: 'card', 'aria-labelledby': 'name-heading' },
      h('h2', { id: 'name-heading' }, 'Name'),
      h('label', { for: nameId }, 'The app\'s name, as the editor and dashboard show it'), h('div', { class: 'row' }, name, rename), nameError),
    h('section', { class: 'card', 'aria-labelledby': 'origins-heading' },
      h('h2', { id: 'origins-heading' }, 'Allowed origins'),
      h('label', { for: originsId }, 'One origin per line, like https://app.example.com'), origins, originsError, saveOrigins),
    h('section', { class: 'card', 'aria-labelledby': 'keys-heading' }, h('h2', { id: 'keys-heading' }, 'Write keys'), secret, keys, newKey),
    await accountsSection(api, account),
    deleteAppSection(shell, app)));
  await drawKeys();
}

async function accountsSection(api: Api, me: Account): Promise<HTMLElement> {
  const list = h('tbody', {});
  const draw = async () => {
    const accounts = (await api.get<{ accounts: Account[] }>('/api/accounts')).accounts;
    list.replaceChildren(...accounts.map((a) => {
      const roleId = fieldId('role');
      const role = h('select', { id: roleId, 'aria-label': `Role of ${a.email}` }, ROLES.map((r) => h('option', { value: r, selected: r === a.role }, r)));
      role.addEventListener('change', async () => {
        try { await api.patch(`/api/accounts/${a.id}`, { role: role.value }); notify(`${a.email} is now ${role.value}.`, 'success'); }
        catch (e) { notify(describeError(e), 'error', 8000); role.value = a.role; }
      });
      const toggle = h('button', { type: 'button' }, a.disabled ? 'Enable' : 'Disable');
      run(toggle, async () => { await api.patch(`/api/accounts/${a.id}`, { disabled: !a.disabled }); await draw(); });
      return h('tr', {}, h('td', {}, a.email, a.id === me.id ? h('span', { class: 'muted' }, ' (you)') : null), h('td', {}, role),
        h('td', {}, a.disabled ? 'disabled' : 'active'), h('td', {}, toggle));
    }));
  };
  await draw();
  const emailId = fieldId('email');
  const email = h('input', { id: emailId, type: 'email' });
  const roleId = fieldId('new-role');
  const role = h('select', { id: roleId }, ROLES.map((r) => h('option', { value: r }, r)));
  const created = h('div', { role: 'status', 'aria-live': 'polite' });
  const add = h('button', { type: 'button' }, 'Create account');
  run(add, async () => {
    const answer = await api.post<{ account: Account; password?: string }>('/api/accounts', { email: email.value.trim(), role: role.value });
    created.replaceChildren(h('div', { class: 'card secret' }, h('p', {}, `Password for ${answer.account.email}, shown only now:`), h('code', { class: 'secret-value' }, answer.password ?? '')));
    email.value = '';
    await draw();
  });
  return h('section', { class: 'card', 'aria-labelledby': 'accounts-heading' },
    h('h2', { id: 'accounts-heading' }, 'Accounts'),
    scrollingTable(h('table', {}, h('thead', {}, h('tr', {}, h('th', {}, 'Email'), h('th', {}, 'Role'), h('th', {}, 'State'), h('th', {}, h('span', { class: 'sr-only' }, 'Actions')))), list)),
    h('div', { class: 'row' }, h('label', { for: emailId }, 'Email'), email, h('label', { for: roleId }, 'Role'), role, add), created);
}
