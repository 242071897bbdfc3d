// The guide list: every guide of the app with its status (published guides
// whose schedule starts later read "scheduled", from the list's own
// published_schedule: one request; a published version the collector
// refuses is marked "not shown to users"), search by name, filter by status, and
// for editors: new guide, duplicate, archive, and delete for a guide never
// published (an abandoned draft; a published one is only archived).
import type { ShellContext } from '../shared/shell';
import { formatDateTime, h, scrollingTable } from '../shared/dom';
import { ApiError } from '../shared/api';
import { can } from '../shared/model';
import { describeError, notify } from '../shared/notices';
import type { Router } from '../shared/router';
import { accountNames } from './account_names';
import { MAX_GUIDE_NAME_BYTES, cutToBytes } from './byte_limits';
import { fieldId } from './form_fields';
import { GuideApi, type GuideSummary } from './guide_api';
import { displayStatus, statusBadge, type DisplayStatus } from './guide_status';
import { clone, isObject } from './guide_types';
import { newGuideDialog } from './new_guide_dialog';
import { isNotServed, notServedBadge, notServedSummary } from './published_problems';

const STATUSES: DisplayStatus[] = ['draft', 'published', 'scheduled', 'archived'];

// The status the list shows: the published version's schedule decides "scheduled".
function listedStatus(g: GuideSummary): DisplayStatus {
  return displayStatus(g, g.published_schedule ? { schedule: g.published_schedule } : null);
}

export async function showGuideList(shell: ShellContext, router: Router, query: URLSearchParams): Promise<void> {
  const { api, app, account, main } = shell;
  if (!app) {
    main.replaceChildren(h('div', { class: 'empty-state' }, h('h1', {}, 'No apps yet'),
      can(account, 'manage_apps')
        ? h('p', {}, h('a', { href: router.href('apps/new') }, 'Create your first app'), ': one product of yours, with the key that connects it.')
        : h('p', {}, 'An admin creates an app first.')));
    return;
  }
  const guides = new GuideApi(api, app.id);
  const canEdit = can(account, 'edit_guides');
  main.replaceChildren(h('p', { class: 'loading' }, 'Loading guides'));
  const [initial, names] = await Promise.all([guides.list(), accountNames(api, account)]);
  let list: GuideSummary[] = initial;
  const statuses = new Map<string, DisplayStatus>(list.map((g) => [g.id, listedStatus(g)]));

  const searchId = fieldId('search');
  const filterId = fieldId('filter');
  const search = h('input', { id: searchId, type: 'search', placeholder: 'Guide name', value: query.get('q') ?? '' });
  const filter = h('select', { id: filterId }, h('option', { value: '' }, 'All'), STATUSES.map((s) => h('option', { value: s, selected: query.get('status') === s }, s)));
  const tbody = h('tbody', {});
  const count = h('p', { class: 'muted', role: 'status', 'aria-live': 'polite' });
  // Published guides the collector refuses (published under older rules): the SDK is not given them.
  const notServed = h('div', { class: 'not-served' });

  const draw = () => {
    const q = search.value.trim().toLowerCase();
    const wanted = filter.value;
    const shown = list.filter((g) => g.name.toLowerCase().includes(q) && (!wanted || statuses.get(g.id) === wanted))
      .sort((a, b) => b.updated_at_ms - a.updated_at_ms);
    const url = new URL(location.href);
    if (q) url.searchParams.set('q', search.value.trim()); else url.searchParams.delete('q');
    if (wanted) url.searchParams.set('status', wanted); else url.searchParams.delete('status');
    history.replaceState(null, '', url.pathname + url.search);
    count.textContent = `${shown.length} of ${list.length} guide${list.length === 1 ? '' : 's'}`;
    notServed.replaceChildren(...[notServedSummary(list)].filter((e): e is HTMLElement => e !== null));
    tbody.replaceChildren(...shown.map(row));
    if (!shown.length) tbody.append(h('tr', {}, h('td', { colspan: 5, class: 'empty-state' }, list.length ? 'No guide matches.' : 'No guides yet.')));
  };

  const row = (g: GuideSummary) => h('tr', { 'data-guide-id': g.id },
    h('td', {}, h('a', { href: router.href(`guides/${encodeURIComponent(g.id)}`) }, g.name)),
    h('td', {}, statusBadge(statuses.get(g.id) ?? 'draft'), isNotServed(g) ? [' ', notServedBadge()] : null),
    h('td', { class: 'num' }, g.published_version === null ? '—' : String(g.published_version)),
    h('td', {}, formatDateTime(g.updated_at_ms), h('span', { class: 'muted' }, g.updated_by ? ` by ${names(g.updated_by)}` : '')),
    h('td', { class: 'row-actions' }, canEdit ? [actionButton('Duplicate', g, duplicate), g.status !== 'archived' ? actionButton('Archive', g, archive) : null,
      g.published_version === null ? actionButton('Delete', g, remove) : null] : null));

  const actionButton = (label: string, g: GuideSummary, run: (g: GuideSummary, b: HTMLButtonElement) => Promise<void>) => {
    const button = h('button', { type: 'button', 'aria-label': `${label} ${g.name}` }, label);
    button.addEventListener('click', async () => {
      button.disabled = true;
      try {
        await run(g, button);
      } catch (e) {
        notify(describeError(e), 'error', 8000);
      } finally {
        button.disabled = false;
      }
    });
    return button;
  };

  async function duplicate(g: GuideSummary): Promise<void> {
    const source = (await guides.get(g.id)).guide.draft;
    if (!isObject(source)) throw new Error('That guide\'s draft cannot be copied.');
    const copy = clone(source);
    copy.name = cutToBytes(`${g.name} (copy)`, MAX_GUIDE_NAME_BYTES);
    copy.status = 'draft';
    delete copy.version;
    const created = (await guides.create(copy)).guide;
    list = [created, ...list];
    statuses.set(created.id, 'draft');
    draw();
    notify(`Created "${created.name}".`, 'success');
    document.querySelector<HTMLAnchorElement>(`tr[data-guide-id="${CSS.escape(created.id)}"] a`)?.focus();
  }

  async function archive(g: GuideSummary): Promise<void> {
    if (!confirm(`Archive "${g.name}"? Users stop seeing it; publishing it again brings it back.`)) return;
    const updated = await guides.archive(g.id);
    // The archive answer has no schedule; the listed one still applies.
    list = list.map((item) => (item.id === g.id ? { ...item, ...updated } : item));
    statuses.set(g.id, 'archived');
    draw();
    notify(`Archived "${g.name}".`, 'success');
  }

  async function remove(g: GuideSummary): Promise<void> {
    if (!confirm(`Delete "${g.name}"? It was never published; its draft is gone for good.`)) return;
    try {
      await guides.deleteUnpublished(g.id, g.revision);
    } catch (e) {
      // Changed meanwhile (edited, or published): show what it is now.
      if (e instanceof ApiError && e.status === 409) {
        list = await guides.list();
        for (const item of list) statuses.set(item.id, listedStatus(item));
        draw();
      }
      throw e;
    }
    list = list.filter((item) => item.id !== g.id);
    statuses.delete(g.id);
    draw();
    notify(`Deleted "${g.name}".`, 'success');
    document.getElementById(searchId)?.focus();
  }

  search.addEventListener('input', draw);
  filter.addEventListener('change', draw);
  const create = canEdit ? h('button', { type: 'button', class: 'primary', id: 'new-guide' }, 'New guide') : null;
  create?.addEventListener('click', async () => {
    const id = await newGuideDialog(api, app.id);
    if (id) router.navigate(`guides/${encodeURIComponent(id)}`);
    else create.focus();
  });
  main.replaceChildren(h('div', { class: 'guide-list' },
    h('div', { class: 'list-header' }, h('h1', {}, 'Guides'), create,
      can(account, 'manage_apps') ? h('a', { href: router.href('settings'), class: 'settings-link' }, 'App settings') : null),
    h('div', { class: 'row filters', role: 'search' },
      h('label', { for: searchId }, 'Search'), search,
      h('label', { for: filterId }, 'Status'), filter, count),
    notServed,
    scrollingTable(h('table', {},
      h('thead', {}, h('tr', {}, h('th', {}, 'Name'), h('th', {}, 'Status'), h('th', { class: 'num' }, 'Version'), h('th', {}, 'Last change'), h('th', {}, h('span', { class: 'sr-only' }, 'Actions')))),
      tbody))));
  draw();
}
