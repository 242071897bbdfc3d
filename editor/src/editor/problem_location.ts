// Where in the editor a problem's pointer lives, for the problem list's
// "Go to" button and its readable location ("Step 2 (save) › target element").
import { fromPointer } from '../shared/json_pointer';
import type { JsonObject } from './guide_types';
import { pointerLabel } from './problem_labels';

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
  const label = pointerLabel(guide, pointer);
  if (top === 'steps' && second !== undefined && /^\d+$/.test(second)) {
    const locale = rest[0] === 'content' ? rest[1] : undefined;
    return { tab: 'steps', stepIndex: Number(second), locale, label };
  }
  if (top === 'name') return { tab: 'header', label };
  if (top === 'theme') return { tab: 'theme', label };
  if (top === 'fallback_locale' || top === 'ui_text') return { tab: 'languages', label };
  if (top && TARGETING.has(top)) return { tab: 'targeting', label };
  return { tab: 'steps', label };
}
