// People: a person found by their email, name or the start of their id (the
// search box, people_search_box.ts), or looked up by the exact id the app
// gave them (the userId, else the anonymousId), and their events, newest
// first, a page at a time: what a customer did before they wrote to support.
// The events include those of the ids an identify linked to the person (the
// browsing before sign-in, as funnels count it): the page names those ids and
// marks each such event with its id. An admin can erase the person here, for
// a GDPR/CCPA request: every event of the id and of the anonymous
// ids linked to it (docs/api.md "Erasing a person"), after typing the id again.
import { h, replaceChildren } from '../../shared/dom';
import { can } from '../../shared/model';
import { describeError } from '../../shared/notices';
import type { PersonEvent, PersonEventsPage } from '../analytics_model';
import { peopleSearchBox } from './people_search_box';
import { eventItem, failedWithRetry } from './person_events';
import type { ViewContext } from './view_context';

export const PEOPLE_PAGE_SIZE = 50;

export async function peopleView(ctx: ViewContext): Promise<void> {
  const userKey = ctx.params.userKey ?? '';
  const input = h('input', { id: 'person-key', type: 'text', value: userKey, required: true, autocomplete: 'off', spellcheck: 'false' });
  const lookup = h('form', { class: 'person-lookup card', role: 'search', 'aria-label': 'Look up a person' },
    h('label', { for: 'person-key' }, 'User id or anonymous id'),
    h('div', { class: 'person-lookup-row' }, input, h('button', { type: 'submit' }, 'Look up')),
    h('p', { class: 'muted hint' }, 'The id exactly as your app sent it (Cairn.identify, or the anonymous id the SDK made).'));
  lookup.addEventListener('submit', (e) => {
    e.preventDefault();
    const key = input.value.trim();
    if (key) ctx.go(`people/${encodeURIComponent(key)}`);
  });
  const header = h('div', { class: 'view-header' }, h('h1', {}, 'People'));
  // On the search's own page its text is kept in the URL (Back returns to the results).
  const search = peopleSearchBox(ctx, !userKey);
  if (!userKey) {
    ctx.outlet.replaceChildren(header, search, lookup);
    return;
  }
  const events = h('section', { class: 'card person-card', 'aria-labelledby': 'person-events-title' },
    h('h2', { id: 'person-events-title' }, 'Events of ', h('code', {}, userKey)));
  ctx.outlet.replaceChildren(header, search, lookup, events, ...(can(ctx.account, 'manage_apps') ? [erasure(ctx, userKey, () => void showEvents())] : []));

  // The first page, then older ones appended by "Show older events".
  const linked = h('p', { class: 'person-linked-ids', id: 'person-linked-ids', hidden: true });
  const list = h('ol', { class: 'person-event-list', id: 'person-event-list' });
  const status = h('div', { id: 'person-events-status', 'aria-live': 'polite' });
  const showEvents = async (): Promise<void> => {
    list.replaceChildren();
    linked.hidden = true;
    replaceChildren(events, events.firstElementChild!, linked, list, status);
    await loadPage(undefined);
  };
  const loadPage = async (beforeMs: number | undefined): Promise<void> => {
    events.setAttribute('aria-busy', 'true');
    replaceChildren(status, h('p', { class: 'loading' }, beforeMs === undefined ? 'Loading events…' : 'Loading older events…'));
    try {
      const page = await ctx.analytics.personEvents(userKey, PEOPLE_PAGE_SIZE, beforeMs);
      showLinkedIds(linked, page);
      list.append(...page.events.map((e: PersonEvent) => eventItem(e, userKey)));
      if (!list.childElementCount) {
        replaceChildren(status, h('p', { class: 'empty-state' }, 'No events recorded for this id. Ids are matched exactly, upper and lower case included.'));
      } else if (page.next_before_ms !== null) {
        const older = h('button', { type: 'button', class: 'small', id: 'person-older' }, 'Show older events');
        older.addEventListener('click', () => void loadPage(page.next_before_ms!));
        replaceChildren(status, older);
      } else {
        replaceChildren(status, h('p', { class: 'muted' }, `${list.childElementCount} event${list.childElementCount === 1 ? '' : 's'}, the oldest last.`));
      }
    } catch (e) {
      replaceChildren(status, failedWithRetry(e, () => void loadPage(beforeMs)));
    } finally {
      events.setAttribute('aria-busy', 'false');
    }
  };
  await showEvents();
}

// "Also seen as": the ids linked to the person whose events the list merges;
// hidden when there are none. Past the collector's bound (PersonIdsLimits)
// the page merges some or none of them, and says so.
function showLinkedIds(element: HTMLElement, page: PersonEventsPage): void {
  element.hidden = page.linked_ids.length === 0 && !page.linked_ids_truncated;
  if (element.hidden) return;
  if (!page.linked_ids.length) {
    replaceChildren(element, 'This id is linked to more ids than a page can merge: only its own events are shown.');
    return;
  }
  const ids = page.linked_ids.flatMap((id, i) => [...(i ? [', '] : []), h('code', {}, id)]);
  replaceChildren(element, h('strong', {}, 'Also seen as '), ...ids,
    page.linked_ids_truncated ? ` and more (the first ${page.linked_ids.length} are merged)` : '',
    h('span', { class: 'muted' }, ' — ids an identify call linked to this person, such as their browsing before sign-in. Their events are included below, marked with the id.'));
}

// The admin's erase form: the button stays disabled until the id is typed
// again, since nothing brings the events back.
function erasure(ctx: ViewContext, userKey: string, erased: () => void): HTMLElement {
  const confirmInput = h('input', { id: 'erase-confirm', type: 'text', autocomplete: 'off', spellcheck: 'false' });
  const button = h('button', { type: 'submit', class: 'danger', id: 'erase-person', disabled: true }, 'Erase this person');
  const result = h('div', { id: 'erase-result', 'aria-live': 'polite' });
  confirmInput.addEventListener('input', () => { button.disabled = confirmInput.value !== userKey; });
  const form = h('form', { class: 'card person-erase', 'aria-labelledby': 'erase-title' },
    h('h2', { id: 'erase-title' }, 'Erase this person'),
    h('p', {}, 'For a deletion request under GDPR or CCPA. Deletes every event of ', h('code', {}, userKey),
      ' and of the anonymous ids linked to it, from every report. Events a browser sends again from its offline queue stay erased; ',
      'events sent later under the same id are stored as new data, so stop tracking the person in your app as well. This cannot be undone.'),
    h('label', { for: 'erase-confirm' }, 'Type the id to confirm'),
    h('div', { class: 'person-lookup-row' }, confirmInput, button),
    result);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (confirmInput.value !== userKey) return;
    button.disabled = true;
    form.setAttribute('aria-busy', 'true');
    replaceChildren(result, h('p', { class: 'loading' }, 'Erasing…'));
    try {
      const done = await ctx.analytics.erasePerson(userKey);
      const links = done.identity_links ? ` and ${done.identity_links} linked anonymous id${done.identity_links === 1 ? '' : 's'}` : '';
      replaceChildren(result, h('p', { class: 'success', role: 'status' },
        done.events ? `Erased ${done.events} event${done.events === 1 ? '' : 's'} of ${userKey}${links}.` : `Nothing to erase: no events are stored for ${userKey}.`));
      confirmInput.value = '';
      erased();
    } catch (err) {
      replaceChildren(result, h('p', { class: 'form-error', role: 'alert' }, `Not erased: ${describeError(err)}`));
      button.disabled = confirmInput.value !== userKey;
    } finally {
      form.setAttribute('aria-busy', 'false');
    }
  });
  return form;
}
