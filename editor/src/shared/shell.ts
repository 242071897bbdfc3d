// The frame both web apps share: session (login when needed), the app
// switcher, navigation between editor and dashboard, and the account menu.
// Each web app gives `startShell` its name and a `mount` function that renders
// into the main region; the shell calls it again when the user switches apps.
import { Api, ApiError } from './api';
import { h } from './dom';
import { showLogin } from './login_view';
import type { Account, App, SessionInfo } from './model';
import { describeError } from './notices';

export interface ShellContext {
  api: Api;
  account: Account;
  apps: App[];
  app: App | null;
  main: HTMLElement;
  // Switches the current app (kept per browser) and re-mounts the web app.
  selectApp(appId: string): void;
}

export interface ShellOptions {
  product: 'editor' | 'dashboard';
  title: string;
  mount(context: ShellContext): void | Promise<void>;
}

const APP_KEY = 'cairn:current-app';
const SESSION_ENDED = 'Your session has ended (it expired, or you logged out in another tab). Log in again to go back to where you were.';

export async function startShell(options: ShellOptions): Promise<void> {
  const root = document.getElementById('root') ?? document.body;
  const api = new Api();
  let relogging = false;
  // Once the user was in, a 401 means the session ended under them: the login
  // form says so, instead of replacing their work without a word.
  let entered = false;
  api.onUnauthenticated(() => {
    if (relogging) return;
    relogging = true;
    void signIn(entered ? SESSION_ENDED : undefined).then(() => { relogging = false; });
  });

  async function signIn(note?: string): Promise<void> {
    const session = await showLogin(root, api, options.title, note);
    await enter(session);
  }

  async function enter(session: SessionInfo): Promise<void> {
    api.setCsrfToken(session.csrf_token);
    let apps: App[] = [];
    try {
      apps = (await api.get<{ apps: App[] }>('/api/apps')).apps;
    } catch (e) {
      root.replaceChildren(h('main', { class: 'fatal' }, h('h1', {}, 'Cairn'), h('p', { role: 'alert' }, describeError(e))));
      return;
    }
    const stored = localStorage.getItem(APP_KEY);
    const app = apps.find((a) => a.id === stored) ?? apps[0] ?? null;
    entered = true;
    render(session.account, apps, app);
  }

  function render(account: Account, apps: App[], app: App | null): void {
    const main = h('main', { id: 'main', tabindex: '-1' });
    const context: ShellContext = {
      api, account, apps, app, main,
      selectApp(appId) {
        const next = apps.find((a) => a.id === appId) ?? null;
        if (next) localStorage.setItem(APP_KEY, next.id);
        render(account, apps, next);
      },
    };
    root.replaceChildren(
      h('a', { class: 'skip-link', href: '#main' }, 'Skip to content'),
      header(context, options),
      main);
    void Promise.resolve(options.mount(context)).catch((e) => {
      main.replaceChildren(h('p', { class: 'form-error', role: 'alert' }, describeError(e)));
    });
  }

  // Not being logged in is an answer of /api/session, not a 401: a first
  // visit shows the login form without a failed request in the console.
  try {
    const session = await api.get<SessionInfo | { account: null }>('/api/session');
    if (session.account) await enter(session as SessionInfo);
    else await signIn();
  } catch (e) {
    if (e instanceof ApiError && e.isUnauthenticated) return; // the listener shows the login form
    root.replaceChildren(h('main', { class: 'fatal' }, h('h1', {}, 'Cairn'), h('p', { role: 'alert' }, describeError(e))));
  }
}

function header(context: ShellContext, options: ShellOptions): HTMLElement {
  const { api, account, apps, app } = context;
  const switcher = h('select', { id: 'app-switcher', 'aria-label': 'App' },
    apps.map((a) => h('option', { value: a.id, selected: a.id === app?.id }, a.name)));
  switcher.addEventListener('change', () => context.selectApp(switcher.value));
  const logout = h('button', { type: 'button', class: 'link-button' }, 'Log out');
  logout.addEventListener('click', async () => {
    try {
      await api.post('/api/logout');
    } finally {
      location.reload();
    }
  });
  const link = (product: ShellOptions['product'], label: string) =>
    h('a', { href: `/${product}/`, 'aria-current': product === options.product ? 'page' : null }, label);
  return h('header', { class: 'topbar' },
    h('span', { class: 'brand' }, 'Cairn'),
    h('nav', { 'aria-label': 'Product' }, link('editor', 'Guides'), link('dashboard', 'Dashboard')),
    apps.length ? switcher : h('span', { class: 'muted' }, 'No apps yet'),
    h('span', { class: 'account', title: account.email }, `${account.email} (${account.role})`),
    logout);
}
