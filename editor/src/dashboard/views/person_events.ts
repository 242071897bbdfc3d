// A person in a list who can be opened to show their last events: a
// disclosure button (aria-expanded, aria-controls) and the region it shows.
// The events are asked for on the first opening only (one request per person
// opened, never one per row shown), from
// GET /api/apps/{app_id}/people/{user_key}/events, newest first, with the
// events of the ids linked to the person (each marked with its id).
import { h, replaceChildren } from '../../shared/dom';
import { describeError } from '../../shared/notices';
import type { AnalyticsApi } from '../analytics_api';
import type { PersonEvent } from '../analytics_model';

export const PERSON_EVENTS_SHOWN = 10;

let regions = 0;

// `userKey`: the analytics user key (userId, else anonymousId), as funnels list people;
// `allEventsHref`: the person's page in the People view (every event, erasure).
export function personWithEvents(analytics: AnalyticsApi, userKey: string, allEventsHref: string): HTMLElement {
  const regionId = `person-events-${++regions}`;
  // The user key is the button's whole text (the ▸ is drawn by CSS), so the
  // cell reads and copies as the key.
  const toggle = h('button', { type: 'button', class: 'person-toggle', 'aria-expanded': 'false', 'aria-controls': regionId,
    title: `Show the last ${PERSON_EVENTS_SHOWN} events of ${userKey}` }, h('code', {}, userKey));
  const region = h('div', { id: regionId, class: 'person-events', role: 'region', 'aria-label': `Last events of ${userKey}`, hidden: true });
  let loaded = false;

  const load = async () => {
    region.setAttribute('aria-busy', 'true');
    replaceChildren(region, h('p', { class: 'loading' }, 'Loading last events…'));
    try {
      const page = await analytics.personEvents(userKey, PERSON_EVENTS_SHOWN);
      loaded = true;
      replaceChildren(region, page.events.length
        ? h('ol', { class: 'person-event-list' }, page.events.map((e) => eventItem(e, userKey)))
        : h('p', { class: 'empty-state' }, 'No events recorded for this user.'),
      h('a', { href: allEventsHref, class: 'person-all-events' }, 'All events of this person'));
    } catch (e) {
      replaceChildren(region, failedWithRetry(e, () => void load()));
    } finally {
      region.setAttribute('aria-busy', 'false');
    }
  };

  toggle.addEventListener('click', () => {
    const open = toggle.getAttribute('aria-expanded') !== 'true';
    toggle.setAttribute('aria-expanded', String(open));
    region.hidden = !open;
    if (open && !loaded && region.getAttribute('aria-busy') !== 'true') void load();
  });
  return h('div', { class: 'person' }, toggle, region);
}

// Why a person's events could not be read, with a "Try again" button.
export function failedWithRetry(error: unknown, retry: () => void): HTMLElement {
  const button = h('button', { type: 'button', class: 'small' }, 'Try again');
  button.addEventListener('click', retry);
  return h('p', { class: 'form-error', role: 'alert' }, describeError(error), ' ', button);
}

// One event as a list item: when, what, where and on what; an event stored
// under an id linked to the person (`userKey`) says which.
export function eventItem(e: PersonEvent, userKey: string): HTMLElement {
  const linkedId = e.user_key !== userKey ? [h('span', { class: 'person-event-id' }, 'as ', h('code', {}, e.user_key)), ' '] : [];
  return h('li', { class: 'person-event' },
    h('time', { datetime: new Date(e.timestamp_ms).toISOString() }, formatEventTime(e.timestamp_ms)),
    h('span', { class: 'person-event-name' }, eventLabel(e)),
    h('span', { class: 'person-event-detail muted' }, ...linkedId, eventDetail(e)));
}

// Seconds matter: a person's events are often seconds apart.
function formatEventTime(ms: number): string {
  return new Date(ms).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
}

// What happened: the track event's name, or the kind of view.
export function eventLabel(e: PersonEvent): string {
  switch (e.type) {
    case 'page': return 'Page view';
    case 'screen': return 'Screen view';
    case 'identify': return 'Identified';
    case 'group': return 'Joined group';
    default: return e.event;
  }
}

// Where and on what: the view's name and path, the clicked element, a few properties.
function eventDetail(e: PersonEvent): string {
  const parts: string[] = [];
  if (e.name) parts.push(e.name);
  if (e.element) {
    const { tag = '', text = '', role = '' } = e.element;
    parts.push(`${tag || role || 'element'}${text ? ` '${text}'` : ''}`);
  }
  if (e.path ?? e.url) parts.push(`on ${e.path ?? e.url}`);
  if (!e.element) {
    const shown = Object.entries(e.properties).filter(([key]) => key !== 'path' && key !== 'url').slice(0, 3);
    if (shown.length) parts.push(shown.map(([key, value]) => `${key}: ${String(value)}`).join(', '));
  }
  return parts.join(' · ');
}
