// The page of one guide: name, save state, publish / preview / check, the
// problem list, the live-app bar and the tabs (steps, targeting, theme,
// languages, history). Viewers get the same page with every control disabled.
import { ApiError } from '../shared/api';
import type { AppBridge } from '../shared/app_bridge';
import type { ShellContext } from '../shared/shell';
import { h, replaceChildren } from '../shared/dom';
import { can } from '../shared/model';
import { describeError, notify } from '../shared/notices';
import type { Router } from '../shared/router';
import { loadCatalog, suggestionList } from './catalog';
import { checkView } from './check_view';
import { conflictNotice } from './conflict_notice';
import type { EditorContext } from './editor_context';
import { FieldRegistry } from './field_registry';
import { textField } from './form_fields';
import { GuideApi } from './guide_api';
import { GuideDraft } from './guide_draft';
import { displayStatus, statusBadge } from './guide_status';
import { historyTab } from './history_tab';
import { LiveApp } from './live_app';
import { localesTab } from './locales_tab';
import { labelBelow, pointerLabel, reasonWords } from './problem_labels';
import { locate, type TabName } from './problem_location';
import { askPublishNote } from './publish_dialog';
import { publishedProblemsNotice } from './published_problems';
import { saveStateView } from './save_state_view';
import { stepsTab } from './steps_tab';
import { rememberCheckVerdicts } from './target_picker';
import { targetingTab } from './targeting_tab';
import { themeTab } from './theme_tab';
import { fallbackLocale, isObject, type JsonObject } from './guide_types';
import { authorChanges, diffJson } from './json_diff';
import { browserStorage, UnsavedCopies, type UnsavedCopy } from './unsaved_copies';
import { UnsavedCopyKeeper } from './unsaved_copy_keeper';
import { unsavedCopyNotice } from './unsaved_copy_notice';

const TABS: Array<[TabName, string]> = [['steps', 'Steps'], ['targeting', 'Targeting'], ['theme', 'Theme'], ['languages', 'Languages'], ['history', 'History']];

export async function showGuidePage(shell: ShellContext, router: Router, guideId: string, query: URLSearchParams): Promise<() => void> {
  const { api, app, account, main } = shell;
  if (!app) return () => {};
  main.replaceChildren(h('p', { class: 'loading' }, 'Loading the guide'));
  const guides = new GuideApi(api, app.id);
  const [answer, catalog, all] = await Promise.all([guides.get(guideId), loadCatalog(api, app.id), guides.list()]);
  const record = answer.guide;
  if (!isObject(record.draft)) {
    main.replaceChildren(h('p', { class: 'form-error', role: 'alert' }, 'This guide\'s draft is not a JSON object; it cannot be edited here.'));
    return () => {};
  }
  const draft = new GuideDraft(guides, record, record.draft, answer.problems);
  const readOnly = !can(account, 'edit_guides');
  // Edits the collector does not have yet are also kept in this browser;
  // a copy left by an earlier visit (closed tab, crash) is offered back.
  const copies = new UnsavedCopies(browserStorage(), location.origin);
  const owner = { appId: app.id, guideId, authorId: account.id };
  const keeper = readOnly ? null : new UnsavedCopyKeeper(draft, copies, { ...owner, authorEmail: account.email },
    (problem) => notify(problem, 'error', 10000));
  let offered: UnsavedCopy | null = readOnly ? null : copies.read(owner);
  if (offered && diffJson(offered.guide, record.draft).length === 0) {
    copies.remove(owner);
    offered = null;
  }
  const liveApp = new LiveApp(api, app, readOnly ? 'view' : 'edit');
  const fields = new FieldRegistry(labelBelow);
  const problemList = h('section', { class: 'problem-list', 'aria-labelledby': 'problems-heading', hidden: true });
  const ctx: EditorContext = {
    api, app, account, draft, fields, readOnly, catalog, liveApp,
    guides: all.map((g) => ({ id: g.id, name: g.name, status: g.status })),
    view: { stepIndex: 0, locale: fallbackLocale(draft.guide) },
    refreshProblems() {
      fields.show(draft.problems);
      drawProblemList();
    },
  };
  let tab: TabName = TABS.some(([t]) => t === query.get('tab')) ? query.get('tab') as TabName : 'steps';
  const panel = h('div', { class: 'tab-panel', role: 'tabpanel', id: 'guide-tab-panel', tabindex: '-1' });
  const checkSlot = h('div', { class: 'check-slot' });

  function drawProblemList(): void {
    const problems = draft.problems;
    problemList.hidden = problems.length === 0;
    problemList.replaceChildren(
      h('h2', { id: 'problems-heading' }, `${problems.length} problem${problems.length === 1 ? '' : 's'} to fix before publishing`),
      h('ul', {}, problems.slice(0, 100).map((problem) => {
        const where = locate(draft.guide, problem.pointer);
        const go = h('button', { type: 'button', class: 'link-button' }, where.label);
        go.addEventListener('click', () => goToProblem(problem.pointer));
        return h('li', { 'data-pointer': problem.pointer }, go, `: ${reasonWords(problem.reason, problem.pointer)}`);
      })));
  }

  function goToProblem(pointer: string): void {
    const where = locate(draft.guide, pointer);
    if (where.tab !== 'header') {
      if (where.stepIndex !== undefined) ctx.view.stepIndex = where.stepIndex;
      if (where.locale) ctx.view.locale = where.locale;
      selectTab(where.tab, false);
    }
    if (!fields.focus(pointer)) notify(`There is no field for "${where.label}" on this tab.`, 'error');
  }

  const tabButtons = TABS.map(([name, label]) => {
    const button = h('button', { type: 'button', role: 'tab', id: `tab-${name}`, 'aria-controls': 'guide-tab-panel' }, label);
    button.addEventListener('click', () => selectTab(name, true));
    button.addEventListener('keydown', (event) => {
      const i = TABS.findIndex(([t]) => t === name);
      const next = event.key === 'ArrowRight' ? i + 1 : event.key === 'ArrowLeft' ? i - 1 : event.key === 'Home' ? 0 : event.key === 'End' ? TABS.length - 1 : null;
      if (next === null) return;
      event.preventDefault();
      const target = TABS[(next + TABS.length) % TABS.length]![0];
      selectTab(target, false);
      document.getElementById(`tab-${target}`)?.focus();
    });
    return button;
  });

  function selectTab(name: TabName, focusPanel: boolean): void {
    tab = name;
    for (const button of tabButtons) {
      const selected = button.id === `tab-${name}`;
      button.setAttribute('aria-selected', String(selected));
      button.tabIndex = selected ? 0 : -1;
    }
    panel.setAttribute('aria-labelledby', `tab-${name}`);
    const url = new URL(location.href);
    url.searchParams.set('tab', name);
    history.replaceState(null, '', url.pathname + url.search);
    panel.replaceChildren(
      name === 'steps' ? stepsTab(ctx)
        : name === 'targeting' ? targetingTab(ctx)
          : name === 'theme' ? themeTab(ctx)
            : name === 'languages' ? localesTab(ctx)
              : historyTab(ctx, guides, () => router.navigate(`guides/${encodeURIComponent(guideId)}?tab=history`, { replace: true })));
    ctx.refreshProblems();
    if (focusPanel) panel.focus({ preventScroll: true });
  }

  const name = textField(ctx, { label: 'Guide name', pointer: '/name', value: String(draft.guide.name ?? ''),
    onChange: (v) => { draft.guide.name = v; draft.changed(); } });
  name.classList.add('guide-name');
  // The published version, to tell the author when the draft differs from it.
  let published: { version: number; guide: JsonObject } | null = null;
  const badge = h('span', { class: 'status-slot' });
  const refreshBadge = () => {
    const wanted = draft.record.published_version;
    if (wanted !== null && published?.version !== wanted) {
      published = { version: wanted, guide: {} };
      void guides.version(draft.id, wanted).then((v) => {
        if (published?.version === wanted) published.guide = v.guide ?? {};
        refreshBadge();
      }, () => {});
    }
    const changed = !!published && draft.record.status !== 'archived' && Object.keys(published.guide).length > 0
      && authorChanges(published.guide, draft.guide).length > 0;
    replaceChildren(badge, statusBadge(displayStatus(draft.record, draft.guide)),
      changed ? h('span', { class: 'badge badge-changes', title: 'The draft differs from the published version' }, 'unpublished changes') : null);
  };
  refreshBadge();

  const publishedNotice = publishedProblemsNotice(record.draft, record.published_version, answer.published_problems ?? []);
  const publish = readOnly ? null : h('button', { type: 'button', class: 'primary', id: 'publish-button' }, 'Publish');
  publish?.addEventListener('click', async () => {
    const note = await askPublishNote();
    if (note === null) return;
    publish.disabled = true;
    try {
      const version = await draft.publish(note);
      publishedNotice?.remove();  // The refused version is no longer the one served.
      notify(`Published version ${version.version}.`, 'success');
    } catch (e) {
      const problems = draft.problems.length;
      notify(problems ? `Not published: ${problems} problem${problems === 1 ? '' : 's'} to fix (listed above the editor).` : describeError(e), 'error', 8000);
      ctx.refreshProblems();
      if (problems) goToProblem(draft.problems[0]!.pointer);
    } finally {
      publish.disabled = false;
    }
  });

  // The app window and the draft in the packed form its SDK reads: the window
  // opens first (the browser allows pop-ups only inside the click), and its
  // `ready` says which packed version the app's SDK reads.
  const openWithDraft = async (): Promise<[AppBridge, ArrayBuffer]> => {
    const bridge = await liveApp.open();
    return [bridge, await draft.packed(bridge.packVersion)];
  };
  // A draft the collector refuses to pack has its problems on the fields and
  // in the list (GuideDraft.packed), as after publish: say so, go to the first.
  const failure = (action: string, e: unknown): string => {
    if (!(e instanceof ApiError) || !e.problems.length) return describeError(e);
    goToProblem(e.problems[0]!.pointer);
    return `${action}: ${e.problems.length} problem${e.problems.length === 1 ? '' : 's'} to fix (listed above the editor).`;
  };

  const preview = h('button', { type: 'button', id: 'preview-button' }, 'Preview in app');
  preview.addEventListener('click', async () => {
    try {
      const [bridge, packed] = await openWithDraft();
      const problems = await bridge.preview(packed, tab === 'steps' ? ctx.view.stepIndex : 0);
      if (problems.length) notify(`The preview could not start: ${problems.map((p) => `${pointerLabel(draft.guide, p.pointer)}: ${p.message}`).join('; ')}`, 'error', 10000);
      else notify('Preview running in the app window.', 'success');
    } catch (e) {
      notify(failure('Not previewed', e), 'error', 8000);
    }
  });
  const stop = h('button', { type: 'button', id: 'stop-preview-button', hidden: true }, 'Stop preview');
  stop.addEventListener('click', () => liveApp.stopPreview());
  liveApp.onMessage((m) => {
    if (m.type === 'preview_started') stop.hidden = Array.isArray(m.problems) && m.problems.length > 0;
    if (m.type === 'preview_ended' || m.type === 'window_closed' || m.type === 'ready') stop.hidden = true;
    if (m.type === 'preview_ended') notify(`Preview ended (${String(m.reason ?? 'stopped')}).`);
  });
  const check = h('button', { type: 'button', id: 'check-button' }, 'Check guide');
  check.addEventListener('click', async () => {
    try {
      const [bridge, packed] = await openWithDraft();
      const result = await bridge.check(packed);
      // The verdicts under the steps' targets too; the step form on show redrawn with its own.
      if (rememberCheckVerdicts(draft.guide, result.steps) && tab === 'steps') selectTab('steps', false);
      const view = checkView(result, () => checkSlot.replaceChildren());
      checkSlot.replaceChildren(view);
      view.focus();
    } catch (e) {
      notify(failure('Not checked', e), 'error', 8000);
    }
  });

  const keepCopies = () => keeper?.start({ window, document });
  // While the notice waits for a choice, the guide cannot be edited: the
  // browser keeps one copy per guide, so an edit made meanwhile could be kept
  // only over the offered copy, and not keeping it would lose it to a crash
  // or a closed tab. Choosing unlocks the page.
  const actions = h('div', { class: 'header-actions' }, liveApp.hasOrigins && !readOnly ? [preview, stop, check] : null, publish);
  const liveBar = liveApp.view();
  const tabList = h('div', { class: 'tabs', role: 'tablist', 'aria-label': 'Guide parts' }, tabButtons);
  const lockedWhileOffered = [name, actions, liveBar, checkSlot, problemList, tabList, panel];
  const setLocked = (locked: boolean) => lockedWhileOffered.forEach((part) => part.toggleAttribute('inert', locked));
  const restoreNotice = offered ? unsavedCopyNotice(offered, record.revision, {
    restore() {
      setLocked(false);
      // The newest copy: another tab of this guide may have saved or rewritten it since the notice appeared.
      const latest = copies.read(owner);
      if (!latest) {
        notify('Those changes have been saved meanwhile; here is the saved guide.');
        router.navigate(`guides/${encodeURIComponent(guideId)}?tab=${tab}`, { replace: true });
        return;
      }
      // Restored first, so the keeper finds edits to keep, not a clean draft whose copy it would drop.
      draft.restore(latest.guide, latest.base_revision);
      keepCopies();
      // Every view shows the restored document.
      const nameInput = name.querySelector('input');
      if (nameInput) nameInput.value = String(draft.guide.name ?? '');
      ctx.view.stepIndex = 0;
      ctx.view.locale = fallbackLocale(draft.guide);
      selectTab(tab, true);
      notify('Your changes are back in the editor.', 'success');
    },
    discard() {
      setLocked(false);
      copies.remove(owner);
      keepCopies();
      panel.focus({ preventScroll: true });
    },
  }) : null;
  if (!offered) keepCopies();

  const unsubscribe = draft.subscribe(() => {
    refreshBadge();
    ctx.refreshProblems();
  });
  main.replaceChildren(
    h('div', { class: 'guide-page' },
      h('div', { class: 'guide-header' },
        h('a', { href: router.href(''), class: 'back-link' }, '← All guides'),
        name, badge,
        readOnly ? null : saveStateView(draft),
        // Preview and check need an edit token; viewers can only highlight.
        actions),
      restoreNotice,
      readOnly ? h('p', { class: 'read-only-note', role: 'note' }, `You can look at this guide but not change it (your role is ${account.role}).`) : null,
      readOnly ? null : conflictNotice(draft,
        () => router.navigate(`guides/${encodeURIComponent(guideId)}?tab=${tab}`, { replace: true }),
        () => notify('Saved your version over theirs.', 'success')),
      publishedNotice,
      liveBar,
      checkSlot,
      problemList,
      tabList,
      panel,
      suggestionList('catalog-events', catalog.events),
      suggestionList('catalog-traits', catalog.traits.map((t) => t.key))));
  selectTab(tab, false);
  if (restoreNotice) setLocked(true);
  // Leaving the page saves what is pending and closes the app window.
  return () => {
    unsubscribe();
    void draft.flush().catch(() => {});
    keeper?.stop();
    liveApp.close();
  };
}
