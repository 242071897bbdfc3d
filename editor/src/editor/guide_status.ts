// The status an author sees: the collector's status, except that a published
// guide whose schedule starts in the future reads "scheduled".
import { h } from '../shared/dom';
import { isObject, type JsonObject } from './guide_types';

export type DisplayStatus = 'draft' | 'published' | 'scheduled' | 'archived';

export function displayStatus(summary: { status: string }, document: JsonObject | null, now = Date.now()): DisplayStatus {
  if (summary.status === 'archived') return 'archived';
  if (summary.status !== 'published') return 'draft';
  const start = document && isObject(document.schedule) ? document.schedule.start : undefined;
  if (document?.status === 'scheduled' || (typeof start === 'string' && Date.parse(start) > now)) return 'scheduled';
  return 'published';
}

export function statusBadge(status: DisplayStatus): HTMLElement {
  return h('span', { class: `badge badge-${status}` }, status);
}
