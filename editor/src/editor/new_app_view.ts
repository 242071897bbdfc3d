// "New app" for admins: a name and the allowed origins make the app, its
// first write key is created with it, and the page then shows the SDK set-up
// of docs/quickstart.md with that key (the key appears only here, once). The
// collector serving this page is the one the SDK talks to, so its origin is
// the snippet's host.
import type { App } from '../shared/model';
import { h } from '../shared/dom';
import { can } from '../shared/model';
import { describeError } from '../shared/notices';
import type { Router } from '../shared/router';
import type { ShellContext } from '../shared/shell';
import { originProblems, originsFromText } from './app_origins';
import { fieldId } from './form_fields';
import { contentSecurityPolicy, headLines, START_SCRIPT_PATH, startScript } from './sdk_setup';

export function showNewApp(shell: ShellContext, router: Router): void {
  const { api, account, main } = shell;
  if (!can(account, 'manage_apps')) {
    main.replaceChildren(h('h1', {}, 'New app'), h('p', { role: 'alert' }, 'Only admins can create apps.'));
    return;
  }
  const nameId = fieldId('app-name');
  const originsId = fieldId('new-origins');
  const name = h('input', { id: nameId, type: 'text', required: true, placeholder: 'e.g. Acme Projects' });
  const origins = h('textarea', { id: originsId, rows: 3, 'aria-describedby': `${originsId}-hint ${originsId}-problems` });
  const originsError = h('div', { class: 'field-error', id: `${originsId}-problems`, 'aria-live': 'polite' });
  const error = h('p', { class: 'form-error', role: 'alert' });
  const create = h('button', { type: 'submit', class: 'primary' }, 'Create app');
  const form = h('form', { class: 'card' },
    h('label', { for: nameId }, 'Name'), name,
    h('label', { for: originsId }, 'Allowed origins'),
    h('p', { class: 'hint', id: `${originsId}-hint` },
      'Where your product runs, one per line, like https://app.example.com. Guides and recording work only there; you can add them later.'),
    origins, originsError, error, h('div', { class: 'row' }, create));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    error.textContent = originsError.textContent = '';
    const appName = name.value.trim();
    if (!appName) { error.textContent = 'Give the app a name.'; name.focus(); return; }
    const list = originsFromText(origins.value);
    create.disabled = true;
    try {
      const app = (await api.post<{ app: App }>('/api/apps', { name: appName, origins: list })).app;
      shell.apps.push(app);
      main.replaceChildren(await createdApp(shell, app));
      main.querySelector('h1')?.focus();
    } catch (e) {
      const named = originProblems(e, list);
      if (named) originsError.textContent = named;
      else error.textContent = describeError(e);
      create.disabled = false;
    }
  });
  main.replaceChildren(h('div', { class: 'settings' },
    h('h1', {}, 'New app'),
    h('p', {}, 'An app is one product of yours: its guides, its write key and its analytics are its own.'),
    form,
    shell.app ? h('a', { href: router.href('') }, `Back to ${shell.app.name}`) : null));
  name.focus();
}

// The app exists; its write key is created now and shown once with the set-up.
async function createdApp(shell: ShellContext, app: App): Promise<HTMLElement> {
  let key = '';
  let keyError = '';
  try {
    key = (await shell.api.post<{ key: { key: string } }>(`/api/apps/${encodeURIComponent(app.id)}/keys`)).key.key;
  } catch (e) {
    keyError = `Its write key was not created (${describeError(e)}). Create one under App settings.`;
  }
  const open = h('button', { type: 'button', class: 'primary' }, `Open ${app.name}`);
  open.addEventListener('click', () => shell.selectApp(app.id));
  const host = location.origin;
  return h('div', { class: 'settings' },
    h('h1', { tabindex: '-1' }, `${app.name} is ready`),
    keyError ? h('p', { role: 'alert', class: 'form-error' }, keyError) : h('section', { class: 'card secret', 'aria-labelledby': 'setup-heading' },
      h('h2', { id: 'setup-heading' }, 'Add Cairn to your product'),
      h('p', {}, 'Its write key, shown only now:'), h('code', { class: 'secret-value' }, key),
      h('p', { id: 'setup-head-label' }, 'Put these two lines in the <head> of your product\'s pages (an engineer\'s five minutes):'),
      h('pre', { class: 'secret-value snippet', id: 'setup-head', 'aria-labelledby': 'setup-head-label' }, headLines(host)),
      h('p', { id: 'setup-start-label' }, 'Serve this file from your product\'s own site at ', h('code', {}, START_SCRIPT_PATH),
        ' (a file, not an inline <script>, so a Content Security Policy need not allow inline scripts). It starts Cairn with this key and holds your calls until cairn.js has loaded:'),
      h('pre', { class: 'secret-value snippet', id: 'setup-start-script', 'aria-labelledby': 'setup-start-label' }, startScript(key, host)),
      h('p', { id: 'setup-csp-label' }, 'If your pages send a Content-Security-Policy, it must allow at least:'),
      h('pre', { class: 'secret-value snippet', id: 'setup-csp', 'aria-labelledby': 'setup-csp-label' }, contentSecurityPolicy(host)),
      h('p', {}, 'Then tell Cairn who is signed in, so guides can target them (anywhere in your code, even before cairn.js has loaded): ',
        h('code', {}, "Cairn.identify(userId, { plan: 'pro' })"), '.')),
    app.origins.length ? null
      : h('p', { class: 'hint' }, 'No allowed origins yet: add your product\'s address under App settings before you pick elements or preview guides.'),
    open);
}
