// Starting content for a new guide or a new step of each kind, so an author
// starts from something that already shows up and only fills in the blanks.
import type { JsonObject, StepKind } from './guide_types';

export interface GuideTemplate {
  kind: StepKind;
  label: string;
  description: string;
}

export const GUIDE_TEMPLATES: GuideTemplate[] = [
  { kind: 'tooltip', label: 'Walkthrough / tooltip', description: 'Point at an element in your app and explain it; add more steps for a tour.' },
  { kind: 'modal', label: 'Modal', description: 'A centered message: a welcome, an announcement.' },
  { kind: 'banner', label: 'Banner', description: 'A strip at the top or bottom of the page.' },
  { kind: 'hotspot', label: 'Hotspot', description: 'A pulsing dot on an element that opens a hint.' },
  { kind: 'slideout', label: 'Slideout', description: 'A panel from the side of the page.' },
  { kind: 'checklist', label: 'Checklist', description: 'A list of tasks the user ticks off.' },
  { kind: 'launcher', label: 'Launcher', description: 'A help button the user opens themselves.' },
  { kind: 'survey', label: 'Survey', description: 'An NPS, rating or multiple-choice question.' },
];

// A new step of `kind` with content in `locale`; `id` must be unique in the guide.
export function newStep(kind: StepKind, id: string, locale = 'en'): JsonObject {
  const step: JsonObject = { id, kind, content: { [locale]: starterContent(kind) } };
  if (kind === 'checklist') {
    step.items = [{ id: 'first-task', action: 'none' }, { id: 'second-task', action: 'none' }];
  }
  if (kind === 'survey') step.survey = { kind: 'nps' };
  if (kind === 'tooltip' || kind === 'hotspot') step.missing_target = { wait_ms: 3000, then: 'centered' };
  if (kind === 'banner') step.placement = { side: 'top' };
  if (kind === 'slideout') step.placement = { side: 'right' };
  return step;
}

function starterContent(kind: StepKind): JsonObject {
  switch (kind) {
    case 'tooltip':
      return { title: 'Here it is', body: 'Explain what this does and why it helps.', buttons: [{ label: 'Next', action: 'next', style: 'primary' }] };
    case 'hotspot':
      return { title: 'Did you know?', body: 'A short hint about this element.', buttons: [{ label: 'Got it', action: 'complete', style: 'primary' }] };
    case 'modal':
      return { title: 'Welcome!', body: 'Tell your users **what is new** and what to do next.',
        buttons: [{ label: 'Not now', action: 'dismiss', style: 'secondary' }, { label: 'Show me', action: 'next', style: 'primary' }] };
    case 'banner':
      return { title: 'Something new', body: 'One sentence about it.', buttons: [{ label: 'Dismiss', action: 'dismiss', style: 'link' }] };
    case 'slideout':
      return { title: 'Tips', body: '- First tip\n- Second tip', buttons: [{ label: 'Close', action: 'complete', style: 'primary' }] };
    case 'checklist':
      return { title: 'Get started', body: 'A few things that help you get going.', buttons: [{ label: 'Hide', action: 'dismiss', style: 'link' }],
        labels: { 'first-task': 'First task', 'second-task': 'Second task' } };
    case 'launcher':
      return { title: 'Need help?', body: 'Find answers in [our docs](https://example.com/docs).', buttons: [] };
    case 'survey':
      return { title: 'How likely are you to recommend us to a colleague?', body: '', buttons: [{ label: 'Send', action: 'complete', style: 'primary' }] };
  }
}

// A new guide document: one step of `kind`, shown on every page load once.
export function newGuide(kind: StepKind, name: string): JsonObject {
  return {
    schema: 1,
    id: 'new',
    name,
    status: 'draft',
    priority: 0,
    fallback_locale: 'en',
    trigger: kind === 'launcher' || kind === 'checklist'
      ? { kind: 'page_load', pages: { include: [] } }
      : { kind: 'page_load', pages: { include: [{ path: '/**' }] } },
    frequency: { kind: kind === 'launcher' || kind === 'checklist' ? 'every_session' : 'once' },
    steps: [newStep(kind, kind === 'tooltip' ? 'step-1' : kind, 'en')],
  };
}
