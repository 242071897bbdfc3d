// The problems of the version users are served (the guide answer's
// "published_problems", docs/api.md#guides): a version published under older
// rules that the collector's guide codec refuses now (an event count above
// today's limit, say) is left out of what the SDK loads, so its users stopped
// seeing the guide. The guide page says so above the editor, in the editor's
// words, until a publish replaces that version.
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
