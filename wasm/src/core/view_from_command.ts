// The session's show_step command (JSON of sdk/session ShowStep) as the UI's
// StepView. Field names follow the core's JSON; this is the only place that
// knows them.
import type { ButtonView, ItemView, MdNode, StepView, SurveyView, ThemeView } from '../ui/step_view';

type Json = Record<string, unknown>;

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' && isFinite(v) ? v : undefined);
const obj = (v: unknown): Json => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {});
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

// Without a parsed tree from the core, body text is shown as plain paragraphs:
// never interpreted, never HTML.
function plainParagraphs(text: string): MdNode[] {
  return text.split(/\n\s*\n/).filter((p) => p.trim()).map((p) => ({ type: 'paragraph', children: [{ type: 'text', text: p.trim() }] }));
}

// Languages written right to left (BCP 47 primary subtags).
const RTL = /^(ar|arc|ckb|dv|fa|he|iw|ks|ps|sd|syr|ug|ur|yi)\b/i;

// `dir`: the page's. Content in a right-to-left language is laid out right to
// left on any page.
export function viewFromCommand(c: Json, dir: 'ltr' | 'rtl'): StepView {
  const content = obj(c.content);
  const labels = obj(content.labels);
  const survey = obj(c.survey);
  const bodyNodes = Array.isArray(content.body_nodes) ? (content.body_nodes as MdNode[]) : plainParagraphs(str(content.body) ?? '');
  const view: StepView = {
    guideId: str(c.guide_id) ?? '',
    stepId: str(c.step_id) ?? '',
    stepIndex: num(c.step_index) ?? 0,
    stepCount: num(c.step_count) ?? 1,
    canGoBack: c.can_go_back === true,
    kind: (str(c.kind) ?? 'modal') as StepView['kind'],
    title: str(content.title),
    body: bodyNodes,
    buttons: arr(content.buttons).map((b) => obj(b) as unknown as ButtonView),
    items: arr(c.checklist).map((i) => obj(i) as unknown as ItemView),
    placement: obj(c.placement),
    backdrop: c.backdrop === true,
    theme: obj(c.theme) as ThemeView,
    centered: c.fallback === true,
    dir: RTL.test(str(c.locale) ?? '') ? 'rtl' : dir,
    lang: str(c.locale),
    words: obj(c.ui_text) as Record<string, string>,
  };
  const element = num(c.element);
  if (element !== undefined) view.element = element;
  const media = obj(content.media);
  if (str(media.url)) view.media = { url: media.url as string, kind: media.kind === 'video' ? 'video' : 'image', alt: str(media.alt) };
  if (str(survey.kind)) {
    view.survey = {
      kind: survey.kind as SurveyView['kind'],
      scale: num(survey.scale),
      multiple: survey.multiple === true,
      options: arr(survey.options).map((id) => ({ id: String(id), label: str(labels[String(id)]) ?? String(id) })),
    };
  }
  return view;
}
