// Draws the steps the core asks for and reports what the user does with them.
// One shown step per guide. Each kind is a small builder below; they share the
// card (card.ts), anchoring (anchor.ts) and focus handling (focus_trap.ts).
import { anchor, nextTask, safeViewportRect, targetRect, viewportRect, type CenterFn, type PlaceFn } from './anchor';
import { buildCard, buildFooter, el, type ActionSink, type Report } from './card';
import { focusLost, returnFocus } from './focus_return';
import { firstControl, FOCUSABLE, FocusTrap } from './focus_trap';
import { ModalShield } from './modal_shield';
import { noteKey, typing } from './typing';
import type { StepView } from './step_view';
import { buildSurvey } from './survey_question';
import type { UiRoot } from './ui_root';
import { word } from './ui_words';

// What one guide's step put on screen (`_` fields: minified names, build.mjs).
interface Shown {
  view: StepView;
  report_: Report;
  nodes_: HTMLElement[];
  // Stops what keeps the step placed, or its drawing still to come.
  stop_?: () => void;
  trap_?: FocusTrap;
  dialog_?: HTMLDialogElement;
  shield_?: ModalShield;
  target_?: Element | null;
  // Shown again for a new target element (the app re-rendered it): the focus
  // stays where the user has it, unless it was in the step. Shown while the
  // user types in the page (typing.ts): the focus stays there too.
  quiet_?: boolean;
  min_?: boolean;  // a checklist, minimised
  opened_?: boolean;  // a hotspot's hint, open
  // Where the focus was before it came into the guide's steps (the page
  // element, or another guide's box); kept from step to step of the guide
  // while the focus stays in it.
  from_?: Element | null;
}

const ARROW = 12;
// A modal shown while the user types opens after this long without a key.
const TYPING_PAUSE_MS = 1500;
const PADDING = 8;

export class StepPresenter {
  readonly #shown = new Map<string, Shown>();
  readonly #root: UiRoot;
  readonly #place: PlaceFn;
  readonly #center: CenterFn;
  readonly #sink: ActionSink;
  // F6 goes between the page and the newest step (as to a browser's own
  // bubbles and panes): the way in to a step that did not take the focus.
  // In the step, F6 goes back to where the focus came from.
  readonly #onKey = (e: KeyboardEvent) => {
    noteKey(e);
    if (e.key !== 'F6' || e.ctrlKey || e.altKey || e.metaKey) return;
    const steps = [...this.#shown.values()];
    const inStep = steps.find((s) => s.nodes_.some((n) => n.matches(':focus-within')));
    if (inStep) returnFocus([inStep.from_, inStep.target_]);
    else if (!steps.pop()?.nodes_.some((n) => (firstControl(n).focus({ preventScroll: true }), n.matches(':focus-within')))) return;
    e.preventDefault();
  };

  constructor(root: UiRoot, place: PlaceFn, center: CenterFn, sink: ActionSink) {
    this.#root = root;
    this.#place = place;
    this.#center = center;
    this.#sink = sink;
    addEventListener('keydown', this.#onKey, true);
    // The focus coming into a step from outside it: remember where from.
    // From nowhere (<body>: the previous step of the guide, which had it,
    // has just gone) keeps what the guide had.
    root.layer.addEventListener('focusin', (e) => {
      const from = e.relatedTarget as Node | null;
      for (const s of this.#shown.values()) {
        const inStep = (n: EventTarget | null) => n instanceof Node && s.nodes_.some((b) => b.contains(n));
        if (inStep(e.target) && !inStep(from) && from) s.from_ = from as Element;
      }
    });
  }

  // Shows `view` (replacing that guide's previous step). `target` is the
  // located element, or null for untargeted kinds and the centered fallback.
  // The same step shown again (a checklist with an item ticked, a target the
  // app re-rendered) is not announced again, and a control of it that had
  // the focus has it again in the new drawing (it fell to <body>).
  show(view: StepView, target: Element | null): void {
    const before = this.#shown.get(view.guideId);
    const same = !!before && before.view.stepId === view.stepId && before.view.kind === view.kind;
    const again = same && before.target_ !== target;
    const focused = !!before?.nodes_.some((n) => n.matches(':focus-within'));
    // The step's controls, in order: the same step drawn again has the same.
    const controls = (x?: Shown) => x ? x.nodes_.flatMap((n) => Array.from(n.querySelectorAll<HTMLElement>(FOCUSABLE))) : [];
    const at = controls(before).indexOf(this.#root.shadow.activeElement as HTMLElement);
    this.hide(view.guideId, false);
    this.#root.mount();
    this.#root.setTheme(view.theme, view.dir ?? (document.documentElement.dir === 'rtl' ? 'rtl' : 'ltr'));
    const s: Shown = { view, report_: (kind, extra) => this.#sink({ kind, guide_id: view.guideId, ...extra }), nodes_: [],
      target_: target, quiet_: (again && !focused) || (view.kind !== 'modal' && typing()), opened_: again && before.opened_,
      min_: same && before.min_, from_: focused ? before!.from_ : null };
    this.#shown.set(view.guideId, s);
    const builders: Record<StepView['kind'], () => void> = {
      tooltip: () => this.#tooltip(s, target),
      hotspot: () => this.#hotspot(s, target),
      modal: () => this.#modal(s),
      banner: () => this.#edge(s, 'bn', 'region', false),
      slideout: () => this.#edge(s, 'so', 'dialog', true),
      checklist: () => this.#checklist(s),
      launcher: () => this.#launcher(s),
      survey: () => (target ? this.#tooltip(s, target) : this.#edge(s, 'so', 'dialog', true)),
    };
    (builders[view.kind] ?? builders.modal)();
    if (same) controls(s)[at]?.focus({ preventScroll: true });
    // The step before had the focus and this one does not take it (a
    // banner, a checklist, a launcher, a closed hotspot): it goes into this
    // one (its primary button, its first control; the launcher, the beacon),
    // not to <body>. After the tasks in which steps are added and focused.
    if (focused) nextTask(() => { if (this.#shown.get(view.guideId) === s && focusLost()) returnFocus([...s.nodes_.map(firstControl), s.from_, target]); });
    if (same) return;
    // A step that takes the focus is read out by it (its dialog's name, the
    // title, and its description, the body): the live region says only what
    // the focus does not, the step's place in the guide. It said the title
    // too, so a screen reader said it twice. So is one the focus goes into
    // from the guide's step before (a banner's region and button). The
    // others (a banner, a checklist, a launcher, a hotspot's beacon; a step
    // shown while the user types) say their title with it.
    const focus = !s.quiet_ && (focused || !/^(hotspot|banner|checklist|launcher)$/.test(view.kind));
    const title = view.title && !focus ? `: ${view.title}` : '';
    const place = view.stepCount > 1 ? word(view, 'step_of', { n: view.stepIndex + 1, total: view.stepCount }) : focus ? '' : word(view, 'guide');
    if (place) this.#root.announce(place + title);
  }

  // Removes the guide's step. When `restoreFocus` and the step had the
  // focus, it goes back where it came from, else to the step's target (a
  // hotspot: its target first, the beacon goes with the step), else to the
  // page's first control (focus_return.ts). Focus the user took elsewhere
  // meanwhile stays there.
  hide(guideId: string, restoreFocus = true): void {
    const s = this.#shown.get(guideId);
    if (!s) return;
    const held = s.nodes_.some((n) => n.matches(':focus-within'));
    this.#shown.delete(guideId);
    s.stop_?.();
    s.shield_?.release();
    s.trap_?.release();
    if (s.dialog_?.open) s.dialog_.close();
    for (const n of s.nodes_) n.remove();
    if (restoreFocus && held) returnFocus(s.view.kind === 'hotspot' ? [s.target_, s.from_] : [s.from_, s.target_]);
  }

  hideAll(): void {
    for (const id of Array.from(this.#shown.keys())) this.hide(id);
  }

  // Hides every step and stops listening to the page (the SDK's shutdown).
  stop(): void {
    this.hideAll();
    removeEventListener('keydown', this.#onKey, true);
  }

  #add(s: Shown, node: HTMLElement): HTMLElement {
    this.#root.layer.appendChild(node);
    s.nodes_.push(node);
    return node;
  }

  // Escape dismisses the step, unless `escape` says what it does instead.
  #keyboard(s: Shown, box: HTMLElement, escape = () => s.report_('dismiss', { reason: 'escape_key' })): void {
    box.addEventListener('keydown', (e) => {
      const rtl = this.#root.layer.dir === 'rtl';
      const has = (a: string) => !!s.view.buttons?.some((b) => b.action === a);
      if (e.key === 'Escape') { e.preventDefault(); escape(); }
      else if (e.key === (rtl ? 'ArrowLeft' : 'ArrowRight') && has('next')) { e.preventDefault(); s.report_('next'); }
      else if (e.key === (rtl ? 'ArrowRight' : 'ArrowLeft') && has('back')) { e.preventDefault(); s.report_('back'); }
    });
  }

  // A tooltip taller than the room beside its target (long text, a phone in
  // landscape, the on-screen keyboard up) is cut to that room and scrolls
  // inside. Its arrow is a box of its own beside it, not a child the
  // scrolling would clip.
  // `focusTarget`: what Tab reaches beside the box (focus_trap.ts), the
  // target unless said (a hotspot's hint points at its beacon).
  #tooltip(s: Shown, target: Element | null, focusTarget = target): void {
    const box = buildCard(s.view, s.report_);
    if (s.view.kind === 'survey') buildSurvey(s.view, s.report_, box);
    else box.appendChild(buildFooter(s.view, s.report_));
    box.setAttribute('role', 'dialog');
    const wantArrow = !!target && s.view.placement?.arrow !== false;
    const arrow = wantArrow ? el('div', 'ar') : null;
    // The highlight (and its dimming backdrop) goes under the box.
    const highlight = target && s.view.kind !== 'hotspot' ? el('div', s.view.backdrop ? 'hl dim' : 'hl') : null;
    let scrolled = false;
    // Where the box (and the arrow) were from the target when the target was last in view.
    let fromTarget: [number, number] | null = null;
    let arrowAt: [number, number] = [0, 0];
    const offset = (s.view.placement?.offset_px ?? 8) + (arrow ? ARROW / 2 : 0);
    const update = () => {
      const viewport = safeViewportRect(this.#root.layer);
      const rect = target && target.isConnected ? targetRect(target) : null;
      if (!rect || (rect.bottom > viewport.top && rect.top < viewport.bottom)) {
        // The room above or below the target, whichever is larger; all of
        // the viewport where the box fits at the target's left or right.
        const room = (r: number) => r - offset - 2 * PADDING;
        const beside = rect && Math.max(room(rect.left - viewport.left), room(viewport.right - rect.right)) >= box.offsetWidth;
        const tall = room(viewport.height + offset);
        box.style.maxHeight = (rect && !beside ? Math.min(tall, Math.max(room(rect.top - viewport.top), room(viewport.bottom - rect.bottom), 120)) : tall) + 'px';
      }
      const size = { width: box.offsetWidth, height: box.offsetHeight };
      if (!rect) {
        const c = this.#center(size, viewport, PADDING);
        box.style.left = c.x + 'px';
        box.style.top = c.y + 'px';
        if (arrow) arrow.hidden = true;
        return;
      }
      const p = this.#place({ target: rect, box: size, viewport, side: s.view.placement?.side ?? 'auto',
        align: s.view.placement?.align ?? 'center', rtl: this.#root.layer.dir === 'rtl',
        offset, padding: PADDING, arrow: arrow ? ARROW : 0 });
      if (!scrolled) {
        scrolled = true;
        // Also when the viewport shows it: a scrolling box (a sidebar, a table)
        // may hide it there. 'nearest' scrolls nothing when nothing hides it.
        target!.scrollIntoView({ block: p.targetVisible ? 'nearest' : 'center', inline: 'nearest', behavior: 'instant' as ScrollBehavior });
        update();
        return;
      }
      // Scrolled out of view, the target takes the box along: kept at the
      // viewport's edge, it covered what the user scrolled to (half a phone's
      // screen), pointing at nothing.
      const away = !p.targetVisible && fromTarget;
      const x = away ? rect.x + away[0] : p.x, y = away ? rect.y + away[1] : p.y;
      box.style.left = x + 'px';
      box.style.top = y + 'px';
      if (!away) fromTarget = [p.x - rect.x, p.y - rect.y];
      if (arrow) {
        if (!away) {
          // Half of the (rotated) arrow overlaps the box, on its border.
          const along = p.arrow ?? 0, half = ARROW / 2;
          arrowAt = p.side === 'top' ? [along, size.height - half] : p.side === 'bottom' ? [along, -half]
            : p.side === 'left' ? [size.width - half, along] : [-half, along];
          arrow.className = 'ar s-' + p.side;
          arrow.hidden = p.arrow === null;
        }
        arrow.style.left = x + arrowAt[0] + 'px';
        arrow.style.top = y + arrowAt[1] + 'px';
      }
      if (highlight) {
        const pad = 4;
        Object.assign(highlight.style, { left: rect.x - pad + 'px', top: rect.y - pad + 'px', width: rect.width + 2 * pad + 'px', height: rect.height + 2 * pad + 'px' });
      }
    };
    this.#keyboard(s, box);
    s.trap_ = new FocusTrap(box, focusTarget);
    // Focus first: it lays the page out once; update() then reads a clean
    // layout and writes last.
    const nodes = [box];
    if (highlight) nodes.unshift(highlight);
    if (arrow) nodes.push(arrow);
    s.stop_ = anchor(update, target ? [target, box] : [box], this.#later(s, nodes, () => { if (!s.quiet_) s.trap_!.focusFirst(); update(); }));
  }

  // A box that is placed or focused is added, placed and focused in a task
  // of its own after show(): in show()'s task, after the core's session call,
  // that forced full layouts of the page (17,000 layout objects on a
  // 10,000-element page, ~15 ms each at 4x CPU throttling). Added and placed
  // in one task, it is never painted unplaced.
  #later(s: Shown, nodes: HTMLElement[], first: () => void): () => void {
    s.nodes_.push(...nodes);
    return nextTask(() => {
      this.#root.layer.append(...nodes);
      first();
    });
  }

  #hotspot(s: Shown, target: Element | null): void {
    const beacon = el('button', 'hs');
    beacon.setAttribute('aria-label', word(s.view, 'open_hint') + (s.view.title ? `: ${s.view.title}` : ''));
    beacon.setAttribute('aria-expanded', 'false');
    beacon.setAttribute('data-cairn-step', 'hotspot-beacon');
    let opened = false;
    // Centred on the target's top corner at the end of its line (the right
    // one, the left one in RTL), kept on the screen and out of the notch and
    // rounded corners while the target is on the screen (a page may draw its
    // header under the notch); a target scrolled away takes it along.
    const place = () => {
      const r = target && target.isConnected ? targetRect(target) : null;
      const v = safeViewportRect(this.#root.layer), screen = viewportRect();
      const keep = !r || (r.bottom > screen.top && r.top < screen.bottom);
      const at = (p: number, min: number, max: number) => (keep ? Math.min(Math.max(p - 12, min), max - 24) : p - 12) + 'px';
      beacon.style.left = at(r ? (this.#root.layer.dir === 'rtl' ? r.left : r.right) : v.x + v.width / 2, v.left, v.right);
      beacon.style.top = at(r ? r.top : v.y + v.height / 2, v.top, v.bottom);
    };
    const open = () => {
      if (opened) return;
      opened = s.opened_ = true;
      beacon.setAttribute('aria-expanded', 'true');
      const inner: Shown = { view: s.view, report_: s.report_, nodes_: [], quiet_: s.quiet_ };
      this.#tooltip(inner, beacon, target);
      s.nodes_.push(...inner.nodes_);
      // The hint (a hotspot's tooltip has no highlight: the box is first).
      beacon.setAttribute('aria-controls', inner.nodes_[0]!.id);
      const stopInner = inner.stop_!;
      s.stop_ = () => { stopBeacon(); stopInner(); };
      s.trap_ = inner.trap_;
    };
    const stopBeacon = anchor(place, target ? [target] : [], this.#later(s, [beacon], () => { place(); if (s.opened_) open(); }));
    beacon.addEventListener('click', () => { s.quiet_ = false; open(); });
    s.stop_ = stopBeacon;
  }

  // Where our host is in the top layer, the modal is drawn there without
  // showModal(): the inertness that brings restyles every element of the page
  // (bench/sdk/RESULTS.md "Session 8"). A backdrop takes the pointer, the
  // shield hides the rest from assistive technology and holds the focus
  // (modal_shield.ts). showModal() stays where we are not in the top layer,
  // or while the page has a modal dialog of its own (which makes everything
  // outside it inert, our host too). Built, added and focused in a task of
  // its own: show()'s task is often the click that opened it. While the
  // user types in the page it waits for a pause in their typing: a modal
  // must have the focus (the page behind it is hidden and out of reach), and
  // taking it mid-word lost the next keys to it (a Space pressed its button).
  #modal(s: Shown): void {
    const open = () => {
      if (typing(TYPING_PAUSE_MS)) { s.stop_ = nextTask(open, 250); return; }
      const dialog = (s.dialog_ = buildCard(s.view, s.report_, 'dialog') as HTMLDialogElement);
      dialog.appendChild(buildFooter(s.view, s.report_));
      dialog.setAttribute('aria-modal', 'true');
      dialog.addEventListener('cancel', (e) => { e.preventDefault(); s.report_('dismiss', { reason: 'escape_key' }); });
      const trap = (s.trap_ = new FocusTrap(dialog));
      this.#keyboard(s, dialog);
      if (!this.#root.inTopLayer || document.querySelector('dialog:modal')) {
        this.#add(s, dialog);
        dialog.showModal();
        trap.focusFirst();
        return;
      }
      // Pressing the backdrop leaves the focus where it is.
      this.#add(s, el('div', 'bd')).addEventListener('mousedown', (e) => e.preventDefault());
      this.#add(s, dialog);
      dialog.show();
      trap.focusFirst();
      s.shield_ = new ModalShield(dialog, [this.#root.live], () => trap.focusFirst());
    };
    s.stop_ = nextTask(open);
  }

  // A slideout (`focus`) takes the focus, a banner does not; neither keeps
  // Tab: they are not modal, and with the page's controls out of Tab's
  // reach a keyboard user could only go on in the page by dismissing the
  // guide (Escape, Close), where a mouse user just clicks the page.
  #edge(s: Shown, className: string, role: string, focus: boolean): void {
    const box = buildCard(s.view, s.report_, 'div', className);
    box.setAttribute('role', role);
    if (s.view.kind === 'survey') buildSurvey(s.view, s.report_, box);
    else box.appendChild(buildFooter(s.view, s.report_));
    this.#keyboard(s, box);
    if (!focus) {
      this.#add(s, box);
      return;
    }
    s.stop_ = this.#later(s, [box], () => s.quiet_ || firstControl(box).focus({ preventScroll: true }));
  }

  // A resource center (`into`) is a panel of help, not a task list: no
  // progress bar, and its list only when it has items, which a published
  // launcher never has (guide-format.md). It showed "0 of 0 done".
  #checklist(s: Shown, into?: HTMLElement): HTMLElement {
    const box = into ?? buildCard(s.view, s.report_, 'div', 'cl');
    // The resource center is a dialog the launcher opens. A checklist stays
    // on the page and takes no focus: a region, which a screen reader's
    // landmark keys reach (as a dialog it was announced as one it is not).
    box.setAttribute('role', into ? 'dialog' : 'region');
    const items = s.view.items ?? [];
    const done = items.filter((i) => i.done).length;
    // A checklist's title is a button that minimises it to its title and
    // progress bar, and opens it again; so does Escape (it dismissed the
    // checklist for good, a reflex key away). Its Close button dismisses it.
    // Minimised it stays so when redrawn (an item ticked).
    const toggle = el('button', 'tg', s.view.title || word(s.view, 'guide'));
    const minimise = (min: boolean) => {
      box.classList.toggle('min', (s.min_ = min));
      toggle.setAttribute('aria-expanded', String(!min));
    };
    if (!into) {
      // In the title's place (replaceChildren: Chrome 86, the SDK runs in 85).
      const title = box.querySelector('.t') ?? box.insertBefore(el('div', 't'), box.children[1] ?? null);
      title.textContent = '';
      title.append(toggle);
      toggle.addEventListener('click', () => minimise(!s.min_));
      minimise(!!s.min_);
      const bar = box.appendChild(el('div', 'bar'));
      bar.setAttribute('role', 'progressbar');
      bar.setAttribute('aria-valuemin', '0');
      bar.setAttribute('aria-valuemax', String(items.length));
      bar.setAttribute('aria-valuenow', String(done));
      bar.setAttribute('aria-label', word(s.view, 'progress', { done, total: items.length }));
      bar.appendChild(el('i')).style.width = (100 * done) / items.length + '%';
    }
    const list = items.length ? box.appendChild(el('ul')) : null;
    for (const item of items) {
      const li = list!.appendChild(el('li', item.done ? 'done' : ''));
      li.appendChild(el('span', 'ck')).setAttribute('aria-hidden', 'true');
      const b = li.appendChild(el('button', '', item.label));
      b.type = 'button';
      b.setAttribute('data-item', item.id);
      if (item.done) b.setAttribute('aria-label', word(s.view, 'item_done', { item: item.label }));
      b.addEventListener('click', () => s.report_('checklist_item', { item_id: item.id }));
    }
    if (s.view.buttons?.length || s.view.stepCount > 1) box.appendChild(buildFooter(s.view, s.report_));
    if (!into) {
      this.#add(s, box);
      this.#keyboard(s, box, () => { minimise(true); toggle.focus(); });
    }
    return box;
  }

  // The resource center is a panel the launcher button opens: its close
  // button, Escape and the button close it (focus back on the button); so
  // does a click or tap anywhere outside it, which leaves the focus to what
  // was pressed, as a popover's light dismiss does. A press is not yet a
  // tap: a finger that scrolls the page (no click follows) or a mouse that
  // drags (a click lands, far from the press) leaves it open. None of them
  // dismisses the guide: the launcher stays.
  #launcher(s: Shown): void {
    const button = this.#add(s, el('button', 'ln', '?')) as HTMLButtonElement;
    button.type = 'button';
    button.setAttribute('aria-label', s.view.title || word(s.view, 'help'));
    // A button that opens a dialog (the panel), and names it while it is open.
    button.setAttribute('aria-haspopup', 'dialog');
    button.setAttribute('aria-expanded', 'false');
    button.setAttribute('data-cairn-step', 'launcher-button');
    let panel: HTMLElement | null = null;
    // Where a press outside began; null after a press inside.
    let pressedAt: MouseEvent | null = null;
    const outside = (e: MouseEvent) => {
      const path = e.composedPath(), out = !path.includes(panel!) && !path.includes(button);
      if (e.type === 'pointerdown') pressedAt = out ? e : null;
      else if (out && pressedAt && Math.hypot(e.clientX - pressedAt.clientX, e.clientY - pressedAt.clientY) < 10) close(false);
    };
    const listen = (on: boolean) => {
      for (const type of ['pointerdown', 'click']) (on ? addEventListener : removeEventListener)(type, outside as EventListener, true);
    };
    const close = (refocus = true) => {
      panel?.remove();
      panel = null;
      listen(false);
      button.setAttribute('aria-expanded', 'false');
      button.removeAttribute('aria-controls');
      if (refocus) button.focus({ preventScroll: true });
    };
    button.addEventListener('click', () => {
      if (panel) { close(); return; }
      panel = this.#checklist(s, buildCard(s.view, () => close(), 'div', 'rc'));
      this.#root.layer.appendChild(panel);
      s.nodes_.push(panel);
      button.setAttribute('aria-expanded', 'true');
      button.setAttribute('aria-controls', panel.id);
      panel.addEventListener('keydown', (e) => { if (e.key === 'Escape') { e.preventDefault(); close(); } });
      new FocusTrap(panel).focusFirst();
      pressedAt = null;
      listen(true);
    });
    s.stop_ = () => listen(false);
  }
}
