// Which guides need attention, from the guide report: a step whose target
// was missing (the app changed under the guide), or many users dismissing it.
import type { GuideStats } from './analytics_model';

// A guide dismissed by at least this share of the users who saw it is flagged.
export const HIGH_DISMISSAL_RATE = 0.4;
// Fewer viewers than this are too few to call a dismissal rate high.
export const MIN_USERS_FOR_RATE = 5;

// Who the holdout count counts, after "N users" wherever a guide's holdout is shown.
export const HOLDOUT_EXPLAINED = 'in the guide\'s A/B experiment holdout, to whom the guide would have been shown but was not '
  + '(the baseline for impact; not counted in "saw" or in any rate)';

// What "gave up" counts (docs/analytics.md, "Stuck points"), on the stuck
// page and a guide's page alike: the same for every kind of step, so an
// unfinished checklist or an unopened hint does not read as abandoned.
export const GAVE_UP_MEANS = 'Gave up: closed the guide on that step (close, Escape, a click outside, Skip) and never completed the step. '
  + 'Not finishing is not giving up: a checklist with items left, a hint never opened, a banner or launcher left on screen do not count.';

export function completionRate(g: GuideStats): number {
  return g.seen_users ? g.completed_users / g.seen_users : 0;
}

// Users who dismissed the guide over users who saw it. A user who dismissed it
// at two different steps counts twice (the report counts per step), so the
// rate is capped at 1.
export function dismissalRate(g: GuideStats): number {
  const dismissed = g.steps.reduce((sum, s) => sum + s.dismissed_users, 0);
  return g.seen_users ? Math.min(1, dismissed / g.seen_users) : 0;
}

export interface GuideProblem {
  kind: 'target_missing' | 'high_dismissal';
  text: string;
}

export function guideProblems(g: GuideStats): GuideProblem[] {
  const out: GuideProblem[] = [];
  if (g.target_missing_events > 0) {
    const steps = g.steps.filter((s) => s.target_missing_events > 0).map((s) => s.step_index + 1);
    out.push({ kind: 'target_missing', text: `Target missing${steps.length ? ` (step ${steps.join(', ')})` : ''}` });
  }
  if (g.seen_users >= MIN_USERS_FOR_RATE && dismissalRate(g) >= HIGH_DISMISSAL_RATE) {
    out.push({ kind: 'high_dismissal', text: `High dismissal (${Math.round(dismissalRate(g) * 100)}%)` });
  }
  return out;
}
