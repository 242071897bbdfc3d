// The problems of the version users are served (the guide answer's
// "published_problems", docs/api.md#guides): a version published under older
// rules that the collector's guide codec refuses now (an event count above
// today's limit, say) is left out of what the SDK loads, so its users stopped
// seeing the guide. The guide page says so above the editor, in the editor's
// words, until a publish replaces that version. The guide list marks such a
// guide from its entry's "published_refused", so an author scanning the list
// sees which guides users are not getting without opening each one.
import type { Problem } from '../shared/api';
import { h } from '../shared/dom';
import type { JsonObject } from './guide_types';
import { pointerLabel, reasonWords } from './problem_labels';

// null when the published version runs (no problems).
export function publishedProblemsNotice(guide: JsonObject, version: number | null, problems: readonly Problem[]): HTMLElement | null {
  if (!problems.length) return null;
  const which = version === null ? 'The published version' : `Published version ${version}`;
  return h('section', { class: 'problem-list published-problems', role: 'alert' },
    h('h2', {}, `${which} is not shown to users: this Cairn refuses it`),
    h('p', {}, 'It was published under rules this Cairn no longer accepts, so the SDK is not given it. Fix the draft and publish again:'),
    h('ul', {}, problems.map((problem) =>
      h('li', { 'data-pointer': problem.pointer }, `${pointerLabel(guide, problem.pointer)}: ${reasonWords(problem.reason, problem.pointer)}`))));
}

// A listed guide the SDK is not given although it is published (an archived
// one is not served anyway, whatever its last version holds).
export function isNotServed(g: { status: string; published_refused?: boolean }): boolean {
  return g.status === 'published' && g.published_refused === true;
}

// Beside a listed guide's status when the collector refuses its published version.
export function notServedBadge(): HTMLElement {
  return h('span', { class: 'badge badge-not-served', title: 'This Cairn refuses the published version, so the SDK is not given it. Open the guide to see why.' },
    'not shown to users');
}

// Above the guide list: how many published guides users are not getting, or
// null when every one is served.
export function notServedSummary(guides: readonly { name: string; status: string; published_refused?: boolean }[]): HTMLElement | null {
  const refused = guides.filter(isNotServed);
  if (!refused.length) return null;
  const names = refused.slice(0, 3).map((g) => `“${g.name}”`).join(', ') + (refused.length > 3 ? ` and ${refused.length - 3} more` : '');
  return h('p', { class: 'problem-list not-served-summary', role: 'alert' },
    `${refused.length === 1 ? '1 published guide is' : `${refused.length} published guides are`} not shown to users (${names}): `
    + 'this Cairn refuses the published version. Open the guide, fix what it lists and publish again.');
}
