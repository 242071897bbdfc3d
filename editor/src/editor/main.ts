// Entry point of the editor web app (served at /editor/): the guide list,
// one page per guide, and App settings and New app for admins.
import '../shared/base.css';
import './editor.css';
import { h } from '../shared/dom';
import { describeError } from '../shared/notices';
import { Router } from '../shared/router';
import { startShell, type ShellContext } from '../shared/shell';
import { showAppSettings } from './app_settings_view';
import { showGuideList } from './guide_list_view';
import { showGuidePage } from './guide_page';
import { showNewApp } from './new_app_view';

const router = new Router('/editor/');
let shell: ShellContext | null = null;
let started = false;
let appId: string | null = null;
// Undoes the current page (saves pending edits, closes the app window).
let leave: (() => void) | null = null;

function page(render: (shell: ShellContext) => Promise<void | (() => void)>): () => Promise<void> {
  return async () => {
    if (!shell) return;
    leave?.();
    leave = null;
    const main = shell.main;
    try {
      leave = (await render(shell)) ?? null;
      main.focus({ preventScroll: true });
    } catch (e) {
      main.replaceChildren(h('p', { class: 'form-error', role: 'alert' }, describeError(e)));
    }
  };
}

router
  .on('', (_p, query) => page((s) => showGuideList(s, router, query))())
  .on('guides/:guideId', (params, query) => page((s) => showGuidePage(s, router, params.guideId!, query))())
  .on('settings', () => page((s) => showAppSettings(s))())
  .on('apps/new', () => page(async (s) => showNewApp(s, router))())
  .otherwise(() => page(async (s) => {
    s.main.replaceChildren(h('h1', {}, 'Not found'), h('a', { href: router.href('') }, 'Back to the guides'));
  })());

void startShell({
  product: 'editor',
  title: 'Guides',
  mount(context) {
    shell = context;
    const sameApp = appId === (context.app?.id ?? null);
    appId = context.app?.id ?? null;
    if (!started) {
      started = true;
      router.start();
    } else if (sameApp) {
      // Logged in again after the session expired: back to the same page.
      router.navigate(location.pathname.slice('/editor/'.length) + location.search, { replace: true });
    } else {
      // Another app was chosen: its guides are different, start at the list.
      router.navigate('', { replace: true });
    }
  },
});

window.addEventListener('beforeunload', (event) => {
  // Also during an edit conflict: the author's text is on screen only until they choose.
  if (document.querySelector('.save-state:is([data-state="unsaved"], [data-state="saving"], [data-state="conflict"])')) event.preventDefault();
});
