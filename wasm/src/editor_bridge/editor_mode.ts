// Editor mode: the SDK inside the customer's app driven by the editor in
// another window (docs/editor-bridge.md). Entered only with a token the
// collector verified; from then on this tab records nothing and shows no
// published guides, shows a "Cairn editor" badge, and answers the editor's
// requests: pick an element, preview a draft, check a guide's targets,
// highlight a fingerprint. Decisions stay in the core: fingerprints (the
// host's, the same as Cairn.debug.fingerprint), the preview's state machine
// (the session's preview input) and the check (cairn_editor_check over the
// page the host loaded into the core's locator, as guides are located).
import type { EditorHost, EditorSession } from '../api/editor_port';
import type { Command, Fingerprint, Problem } from '../core/protocol';
import { describeElement } from '../platform/element_descriptor';
import { forgetEditorToken } from '../platform/editor_token_store';
import { fromEditor, readRequest, type EditorRequest } from './editor_messages';
import { EditorOverlay } from './editor_overlay';
import type { EditorGrant } from './editor_token';
import { ElementPicker } from './element_picker';

// How long a highlight stays on the page.
const HIGHLIGHT_MS = 4000;
const GUIDE_COMPLETED = 'cairn_guide_completed';
const GUIDE_DISMISSED = 'cairn_guide_dismissed';
const LOAD_FAILED = 'the core could not load this page (see the console)';

interface CheckStep {
  step_id: string;
  status: 'found' | 'ambiguous' | 'missing' | 'no_target' | 'other_page';
  confidence: number;
  runner_up: { index: number; confidence: number } | null;
  candidates: Array<{ index: number; score: number }>;
  // Found and ambiguous steps: how reliably the target will be found.
  anchors?: Record<string, string>;
  look_alikes?: number;
}

type Summary = { tag: string; role: string; text: string; test_id: string };

export class EditorMode implements EditorSession {
  private readonly overlay: EditorOverlay;
  private readonly picker: ElementPicker;
  private pickId = '';
  private previewId = '';
  private expiryTimer = 0;
  private readonly onMessage = (e: MessageEvent) => this.receive(e);

  constructor(private readonly grant: EditorGrant, private readonly host: EditorHost) {
    this.overlay = new EditorOverlay(host.ui);
    this.picker = new ElementPicker(this.overlay, (el) => this.picked(el), () => this.endPick());
  }

  // True while a draft runs: the client then feeds its session as usual.
  get previewing(): boolean {
    return this.previewId !== '';
  }

  start(sdkVersion: string): void {
    addEventListener('message', this.onMessage);
    this.overlay.showBadge(`Cairn editor · ${this.grant.account.email}`);
    // Past its expiry the token is worthless: say so rather than go quiet.
    this.expiryTimer = window.setTimeout(() => {
      this.picker.stop();
      forgetEditorToken();
      this.overlay.showBadge('Cairn editor · expired: open the app again from the editor');
    }, Math.max(0, this.grant.expiresAtMs - Date.now()));
    // pack_version: the packed guides this tab's core reads, which the editor
    // asks the draft route for (an npm-pinned SDK may read only older ones).
    this.post('ready', { url: location.href, title: document.title, sdk_version: sdkVersion, purpose: this.grant.purpose, pack_version: this.host.core.packVersion });
  }

  stop(): void {
    removeEventListener('message', this.onMessage);
    clearTimeout(this.expiryTimer);
    this.picker.stop();
    this.overlay.destroy();
  }

  onRoute(url: string): void {
    this.post('location', { url, title: document.title });
  }

  // Sees every session command the client runs, to tell when a preview ends.
  observe(c: Command): void {
    if (!this.previewing || c.type !== 'record_event') return;
    const name = c.event.event;
    if (name === GUIDE_COMPLETED || name === GUIDE_DISMISSED) {
      this.endPreview(name === GUIDE_COMPLETED ? 'completed' : 'dismissed');
    }
  }

  private receive(e: MessageEvent): void {
    if (!fromEditor(e, this.grant.editorOrigin) || Date.now() >= this.grant.expiresAtMs) return;
    const request = readRequest(e.data);
    if (!request) return;
    if ('bad' in request) {
      this.post('error', { request_id: request.request_id, code: 'bad_request', message: request.message });
      return;
    }
    if (this.grant.purpose === 'view' && request.type !== 'highlight' && request.type !== 'clear') {
      this.post('error', { request_id: request.request_id, code: 'forbidden', message: 'this editor token allows only highlight' });
      return;
    }
    try {
      this.handle(request);
    } catch (err) {
      // A bug of ours must not leave the editor waiting for an answer.
      this.post('error', { request_id: 'request_id' in request ? request.request_id : '', code: 'internal', message: String(err) });
    }
  }

  private handle(r: EditorRequest): void {
    switch (r.type) {
      case 'pick':
        if (this.pickId) this.post('pick_cancelled', { request_id: this.pickId });
        this.pickId = r.request_id;
        this.picker.start();
        break;
      case 'cancel_pick':
        this.picker.stop();
        this.post('pick_cancelled', { request_id: this.pickId || r.request_id });
        this.pickId = '';
        break;
      case 'preview':
        this.preview(r.request_id, r.packed_guide, r.step_index);
        break;
      case 'stop_preview':
        // Answered even when nothing runs, so the editor never waits in vain.
        this.endPreview('stopped', r.request_id);
        break;
      case 'check': {
        const answer = this.check({ packed: r.packed_guide }, r.request_id);
        if (!answer) break;
        this.overlay.clear();
        answer.steps.forEach((s, i) => this.outline(s, answer.elements, `Step ${i + 1}`, 0));
        this.post('check_result', { request_id: r.request_id, url: location.href, steps: answer.steps.map((s) => this.report(s, answer.elements)) });
        break;
      }
      case 'highlight': {
        const answer = this.check({ fingerprint: r.fingerprint }, r.request_id);
        if (!answer) break;
        this.overlay.clear();
        const step = answer.steps[0]!;
        this.outline(step, answer.elements, '', HIGHLIGHT_MS);
        this.post('check_result', { request_id: r.request_id, url: location.href, steps: [this.report(step, answer.elements)] });
        break;
      }
      case 'clear':
        this.overlay.clear();
        break;
    }
  }

  private picked(el: Element): void {
    const id = this.pickId;
    this.pickId = '';
    // The fingerprint exactly as a guide step stores it.
    const fingerprint = this.host.fingerprint(el);
    if (!fingerprint) {
      this.post('error', { request_id: id, code: 'not_pickable', message: 'Cairn cannot target this element; pick another one' });
      return;
    }
    this.overlay.add(el, 'found', 'Picked', HIGHLIGHT_MS);
    const check = this.checkPicked(fingerprint, el);
    this.post('picked', { request_id: id, fingerprint, summary: summarize(el), url: location.href, ...(check ? { check } : {}) });
  }

  // The check of the picked element's own fingerprint on this page, which
  // says how reliably guides will find it (the editor's verdict); null when
  // the core cannot say, and the editor then shows no verdict: the pick itself
  // is answered either way.
  private checkPicked(fingerprint: Fingerprint, el: Element) {
    try {
      const answer = this.locate({ fingerprint });
      const step = typeof answer === 'string' ? undefined : answer.steps[0];
      if (typeof answer === 'string' || !step) return null;
      // Found means found what the author clicked; a match elsewhere is no
      // better than a page where the locator cannot decide.
      if (step.status === 'found' && answer.elements[step.candidates[0]!.index] !== el) step.status = 'ambiguous';
      return this.report(step, answer.elements);
    } catch {
      return null;
    }
  }

  private endPick(): void {
    if (this.pickId) this.post('pick_cancelled', { request_id: this.pickId });
    this.pickId = '';
  }

  private preview(id: string, packed: Uint8Array, stepIndex: number): void {
    if (this.previewing) this.endPreview('stopped');
    this.overlay.clear();  // check outlines would sit on the previewed step
    this.host.stopGuides();
    // The id is set first: the preview's first commands may already end it.
    this.previewId = id;
    let problems = this.host.loadPackedGuides(packed);
    if (!problems.length) {
      problems = this.host.session({ type: 'preview', now: Date.now(), url: location.href, step_index: stepIndex, user: this.host.user() });
    }
    if (problems.length) {
      this.previewId = '';
      this.host.stopGuides();
    }
    this.post('preview_started', { request_id: id, problems: problems.map((p) => ({ pointer: p.pointer, message: p.reason })) });
  }

  // `answering`: the stop_preview request this answers; otherwise the
  // answer goes to the preview's own request id.
  private endPreview(reason: 'completed' | 'dismissed' | 'stopped', answering = ''): void {
    const id = answering || this.previewId;
    this.previewId = '';
    this.host.stopGuides();
    this.post('preview_ended', { request_id: id, reason });
  }

  // Runs the core's check on this page; null (after answering an error) when
  // the request is malformed.
  private check(what: { packed: Uint8Array } | { fingerprint: Fingerprint }, id: string): { steps: CheckStep[]; elements: Element[] } | null {
    const answer = this.locate(what);
    if (typeof answer !== 'string') return answer;
    this.post('error', { request_id: id, code: answer === LOAD_FAILED ? 'internal' : 'bad_request', message: answer });
    return null;
  }

  // The core's check on this page, or why there is none.
  private locate(what: { packed: Uint8Array } | { fingerprint: Fingerprint }): { steps: CheckStep[]; elements: Element[] } | string {
    const elements = this.host.loadPage();
    if (!elements) return LOAD_FAILED;
    // A draft is loaded beside the request; a fingerprint travels in it.
    const problems = 'packed' in what ? this.host.loadPackedGuides(what.packed) : [];
    const out = problems.length ? null : this.host.core.call<{ steps: CheckStep[]; problems?: Problem[] }>('cairn_editor_check',
      { ...('fingerprint' in what ? what : {}), url: location.href, locale: this.host.locale() });
    if (!out || out.problems?.length) {
      const first = problems[0] ?? out?.problems?.[0];
      return first ? `${first.pointer || '/'}: ${first.reason}` : 'this SDK build cannot check guides';
    }
    return { steps: out.steps, elements };
  }

  private outline(s: CheckStep, elements: Element[], label: string, forMs: number): void {
    if (s.status === 'found') {
      const el = elements[s.candidates[0]!.index];
      if (el) this.overlay.add(el, 'found', label || 'Found', forMs);
    } else if (s.status === 'ambiguous') {
      for (const c of s.candidates) {
        const el = elements[c.index];
        if (el) this.overlay.add(el, 'candidate', `${label ? label + ': ' : ''}${Math.round(c.score * 100)}%`, forMs);
      }
    }
  }

  private report(s: CheckStep, elements: Element[]) {
    return { step_id: s.step_id, status: s.status, confidence: s.confidence, runner_up: s.runner_up ? s.runner_up.confidence : null,
      candidates: s.candidates.filter((c) => elements[c.index]).map((c) => ({ summary: summarize(elements[c.index]!), score: c.score })),
      ...(s.anchors ? { anchors: s.anchors, look_alikes: s.look_alikes } : {}) };
  }

  private post(type: string, fields: Record<string, unknown>): void {
    // A closed editor leaves opener null or a closed window, which drops the message.
    (window.opener as Window | null)?.postMessage({ cairn: 1, type, ...fields }, this.grant.editorOrigin);
  }
}

function summarize(el: Element): Summary {
  const d = describeElement(el);
  const attributes = d.attributes ?? {};
  const testId = Object.keys(attributes).find((k) => k.startsWith('data-test') || k === 'data-cy' || k === 'data-qa' || k === 'data-cairn-id');
  return { tag: d.tag, role: d.role ?? '', text: (d.name || d.text || '').slice(0, 80), test_id: testId ? attributes[testId]! : '' };
}
