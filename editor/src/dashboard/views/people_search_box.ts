// "Find a person" on the People page: a support ticket gives an email or a
// name, not the internal id the app sent as userId. Matches are listed as the
// text is typed (debounced, only the latest answer shown), each a link to the
// person's timeline. Keyboard: Down from the box goes to the first result,
// Up and Down move between results, Up from the first goes back to the box,
// Escape clears. The text is kept in the URL (?q=), so Back from a person
// returns to the results.
import { formatDateTime, h, replaceChildren } from '../../shared/dom';
import { PEOPLE_SEARCH_LIMIT, PEOPLE_SEARCH_MAX_BYTES, searchPeople, type PeopleSearchAnswer } from '../people_search_api';
import { failedWithRetry } from './person_events';
import type { ViewContext } from './view_context';

export const SEARCH_DEBOUNCE_MS = 250;

export function peopleSearchBox(ctx: ViewContext, keepInUrl: boolean): HTMLElement {
  const initial = keepInUrl ? ctx.query.get('q') ?? '' : '';
  const input = h('input', {
    id: 'people-search', type: 'search', value: initial, autocomplete: 'off', spellcheck: 'false',
    'aria-controls': 'people-search-results', 'aria-describedby': 'people-search-hint',
  });
  const results = h('div', { id: 'people-search-results', role: 'region', 'aria-label': 'People found' });
  const status = h('div', { id: 'people-search-status', role: 'status', 'aria-live': 'polite' });
  const card = h('section', { class: 'card people-search', role: 'search', 'aria-label': 'Find a person' },
    h('label', { for: 'people-search' }, 'Find a person by email, name or user id'),
    h('div', { class: 'person-lookup-row' }, input),
    h('p', { class: 'muted hint', id: 'people-search-hint' },
      'Part of the email or name their identify calls sent (upper and lower case alike), or the start of their user id (exact case).'),
    status, results);

  let timer: ReturnType<typeof setTimeout> | undefined;
  let latest = 0;  // Only the newest request's answer is shown.

  const run = async (text: string): Promise<void> => {
    const ticket = ++latest;
    card.setAttribute('aria-busy', 'true');
    replaceChildren(status, h('p', { class: 'loading' }, 'Searching…'));
    try {
      const answer = await searchPeople(ctx.analytics, text);
      if (ticket !== latest) return;
      show(text, answer);
    } catch (e) {
      if (ticket !== latest) return;
      results.replaceChildren();
      replaceChildren(status, failedWithRetry(e, () => void run(text)));
    } finally {
      if (ticket === latest) card.setAttribute('aria-busy', 'false');
    }
  };

  const show = (text: string, answer: PeopleSearchAnswer): void => {
    if (!answer.people.length) {
      results.replaceChildren();
      replaceChildren(status, h('p', { class: 'empty-state' },
        `No one matches “${text}”.`, answer.truncated ? ' This app has more people than one search reads: try the start of their user id.' : ''));
      return;
    }
    const n = answer.people.length;
    const found = `${n} ${n === 1 ? 'person matches' : 'people match'}`;
    // Truncated below the limit: the collector stopped at one of its read
    // bounds (docs/api.md, "Searching people"), so more may match.
    replaceChildren(status, h('p', { class: 'muted' }, !answer.truncated ? `${found}.`
      : n >= PEOPLE_SEARCH_LIMIT ? `The first ${n} people found; type more to narrow the search.`
        : `${found}; this app has more people than one search reads, so more may match.`));
    const rows = answer.people.map((p) => h('tr', {},
      h('th', { scope: 'row' }, h('a', { href: ctx.href(`people/${encodeURIComponent(p.user_key)}`), class: 'people-search-link' }, h('code', {}, p.user_key))),
      h('td', {}, p.email ?? ''),
      h('td', {}, p.name ?? ''),
      h('td', {}, h('time', { datetime: new Date(p.last_seen_ms).toISOString() }, formatDateTime(p.last_seen_ms)))));
    replaceChildren(results, h('table', { class: 'data-table', id: 'people-search-table' },
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'User id'), h('th', { scope: 'col' }, 'Email'), h('th', { scope: 'col' }, 'Name'),
        h('th', { scope: 'col' }, 'Last seen'))),
      h('tbody', {}, rows)));
  };

  // What the box holds now: searched after a pause in typing.
  const changed = (): void => {
    clearTimeout(timer);
    const text = input.value.trim();
    if (keepInUrl) {
      const query = new URLSearchParams(ctx.query);
      if (text) query.set('q', text); else query.delete('q');
      history.replaceState(null, '', ctx.href('people', query));
    }
    if (!text) {
      ++latest;  // An answer still on its way is stale.
      card.setAttribute('aria-busy', 'false');
      results.replaceChildren();
      status.replaceChildren();
      return;
    }
    if (new TextEncoder().encode(text).length > PEOPLE_SEARCH_MAX_BYTES) {
      ++latest;
      results.replaceChildren();
      replaceChildren(status, h('p', { class: 'form-error', role: 'alert' }, `The search is too long: at most ${PEOPLE_SEARCH_MAX_BYTES} bytes.`));
      return;
    }
    timer = setTimeout(() => void run(text), SEARCH_DEBOUNCE_MS);
  };
  input.addEventListener('input', changed);

  const links = (): HTMLAnchorElement[] => [...results.querySelectorAll<HTMLAnchorElement>('a.people-search-link')];
  input.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowDown' && links().length) {
      e.preventDefault();
      links()[0]!.focus();
    } else if (e.key === 'Escape' && input.value) {
      e.preventDefault();
      input.value = '';
      changed();
    }
  });
  results.addEventListener('keydown', (e) => {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    const all = links();
    const at = all.indexOf(document.activeElement as HTMLAnchorElement);
    if (at < 0) return;
    e.preventDefault();
    const next = at + (e.key === 'ArrowDown' ? 1 : -1);
    if (next < 0) input.focus(); else all[Math.min(next, all.length - 1)]!.focus();
  });
  if (initial.trim()) changed();
  return card;
}
