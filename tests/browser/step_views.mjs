// One StepView per step kind, as the core's show_step would describe it, for
// the UI tests that draw steps directly (gallery.html / hostile.html).
const text = (t) => ({ type: 'text', text: t });
const para = (...children) => ({ type: 'paragraph', children });
const next = { label: 'Next', action: 'next', style: 'primary' };
const back = { label: 'Back', action: 'back', style: 'secondary' };

export const VIEWS = {
  tooltip: { guideId: 'g-tooltip', stepId: 's1', stepIndex: 1, stepCount: 3, kind: 'tooltip', title: 'Project key',
    body: [para(text('Use '), { type: 'strong', children: [text('2–6 capital letters')] }, text(', like '), { type: 'code', text: 'ACME' }, text('.')),
      para({ type: 'link', href: 'javascript:alert(1)', children: [text('unsafe link stays inert')] })],
    buttons: [back, next], placement: { side: 'bottom', align: 'center', offset_px: 8, arrow: true }, target: '#project-key' },
  modal: { guideId: 'g-modal', stepId: 's1', stepIndex: 0, stepCount: 2, kind: 'modal', title: 'Welcome to Acme Projects',
    body: [para(text('Let us set up your first project in under a minute.')), { type: 'bullet_list', children: [
      { type: 'list_item', children: [text('Name it')] }, { type: 'list_item', children: [text('Pick a key')] }] }],
    buttons: [{ label: 'Not now', action: 'dismiss', style: 'link' }, { label: 'Start tour', action: 'next' }] },
  hotspot: { guideId: 'g-hotspot', stepId: 's1', stepIndex: 0, stepCount: 1, kind: 'hotspot', title: 'New: project templates',
    body: [para(text('Start from a template to save time.'))], buttons: [{ label: 'Got it', action: 'complete' }],
    placement: { side: 'auto' }, target: '#save-project' },
  banner: { guideId: 'g-banner', stepId: 's1', stepIndex: 0, stepCount: 1, kind: 'banner', title: 'Reports are here',
    body: [para(text('Weekly progress by team, in the new Reports tab.'))], buttons: [{ label: 'Take a look', action: 'next' }] },
  slideout: { guideId: 'g-slideout', stepId: 's1', stepIndex: 0, stepCount: 1, kind: 'slideout', title: 'Invite your team',
    body: [para(text('Projects with 3+ members ship twice as often.'))], buttons: [{ label: 'Invite', action: 'next' }] },
  checklist: { guideId: 'g-checklist', stepId: 's1', stepIndex: 0, stepCount: 1, kind: 'checklist', title: 'Get started',
    body: [para(text('4 steps to a productive team.'))],
    items: [{ id: 'signup', label: 'Create your account', done: true }, { id: 'project', label: 'Create a project', done: true },
      { id: 'invite', label: 'Invite teammates' }, { id: 'billing', label: 'Choose a plan' }] },
  launcher: { guideId: 'g-launcher', stepId: 's1', stepIndex: 0, stepCount: 1, kind: 'launcher', title: 'Help & resources',
    body: [para(text('Guides and docs for Acme Projects.'))],
    items: [{ id: 'tour', label: 'Take the product tour' }, { id: 'docs', label: 'Read the docs' }] },
  survey: { guideId: 'g-survey', stepId: 's1', stepIndex: 0, stepCount: 1, kind: 'survey',
    title: 'How likely are you to recommend Acme to a colleague?', survey: { kind: 'nps' } },
};

export function view(kind, extra = {}) {
  const { target, ...v } = VIEWS[kind];
  return { view: { ...v, ...extra }, target };
}
