// Where in the editor a problem's pointer lives, for the problem list's
// "Go to" button and its readable location ("Step 2 (save) › target").
import { fromPointer } from './json_pointer';
import { isObject, type JsonObject } from './guide_types';

export type TabName = 'steps' | 'targeting' | 'theme' | 'languages' | 'history';

export interface ProblemLocation {
  tab: TabName | 'header';
  stepIndex?: number;
  locale?: string;
  label: string;
}

const TARGETING = new Set(['trigger', 'audience', 'frequency', 'priority', 'schedule', 'environments', 'experiment']);

export function locate(guide: JsonObject, pointer: string): ProblemLocation {
  const parts = fromPointer(pointer);
  const [top, second, ...rest] = parts;
  if (top === 'steps' && second !== undefined && /^\d+$/.test(second)) {
    const index = Number(second);
    const step = Array.isArray(guide.steps) ? guide.steps[index] : undefined;
    const id = isObject(step) && typeof step.id === 'string' ? ` (${step.id})` : '';
    const locale = rest[0] === 'content' ? rest[1] : undefined;
    return { tab: 'steps', stepIndex: index, locale, label: [`Step ${index + 1}${id}`, ...rest].join(' › ') };
  }
  if (top === 'name') return { tab: 'header', label: 'Guide name' };
  if (top === 'theme') return { tab: 'theme', label: parts.join(' › ') };
  if (top === 'fallback_locale') return { tab: 'languages', label: 'Fallback language' };
  if (top && TARGETING.has(top)) return { tab: 'targeting', label: parts.join(' › ') };
  return { tab: 'steps', label: parts.join(' › ') || 'The guide' };
}
