// The one element Cairn adds to the host page: <cairn-ui>, holding a shadow root
// with all our UI. The host element is shown as a manual popover so it lives in
// the top layer: no z-index, stacking context or overflow:hidden on the page can
// cover or clip it. Its inline !important styles beat host rules such as
// `* { all: unset }`.
import { el } from './card';
import { CSS } from './styles';
import type { ThemeView } from './step_view';
import { CAIRN_UI_TAG } from '../platform/page_walk';

// Set through the CSSOM, not a style attribute, so `style-src 'self'` allows it.
// `contain: strict` makes the host a layout root of its own: placing, moving
// or focusing a step lays out our few boxes, not the page (17,000 layout
// objects on a 10,000-element page). The host is fixed to the viewport, so
// the paint clip and the containing block it adds are the viewport's anyway.
const HOST_STYLE: Array<[string, string]> = [['display', 'block'], ['position', 'fixed'], ['inset', '0'], ['width', 'auto'],
  ['height', 'auto'], ['margin', '0'], ['padding', '0'], ['border', '0'], ['background', 'transparent'], ['overflow', 'visible'],
  ['pointer-events', 'none'], ['transform', 'none'], ['filter', 'none'], ['opacity', '1'], ['visibility', 'visible'],
  ['z-index', '2147483647'], ['contain', 'strict'], ['clip-path', 'none'], ['max-width', 'none'], ['max-height', 'none']];

export class UiRoot {
  readonly host: HTMLElement;
  readonly shadow: ShadowRoot;
  readonly layer: HTMLElement;
  // Announces steps; a modal leaves it audible (modal_shield.ts).
  readonly live: HTMLElement;

  constructor() {
    this.host = document.createElement(CAIRN_UI_TAG);
    // A popover is a group to Chromium's accessibility tree: an unnamed one
    // around every step, read out by screen readers. Our boxes have their
    // own roles and names.
    this.host.setAttribute('role', 'none');
    for (const [name, value] of HOST_STYLE) this.host.style.setProperty(name, value, 'important');
    this.shadow = this.host.attachShadow({ mode: 'open' });
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(CSS);
    this.shadow.adoptedStyleSheets = [sheet];
    this.layer = el('div', 'r');
    this.live = el('div', 'vh');
    this.live.setAttribute('aria-live', 'polite');
    this.live.setAttribute('role', 'status');
    this.shadow.append(this.layer, this.live);
  }

  // Whether mount() puts us in the top layer (browsers with popovers).
  get inTopLayer(): boolean {
    return typeof this.host.showPopover === 'function';
  }

  // Attaches to the page (idempotent) and moves us to the top of the top layer.
  mount(): void {
    if (!this.host.isConnected) document.documentElement.appendChild(this.host);
    if (this.inTopLayer) {
      this.host.setAttribute('popover', 'manual');
      if (this.host.matches(':popover-open')) this.host.hidePopover();
      this.host.showPopover();
    }
  }

  unmount(): void {
    this.host.remove();
  }

  // Messages announced together (two guides' steps shown in one task) are
  // said together: the later one replaced the earlier before it was read.
  #said: string[] = [];

  announce(text: string): void {
    // Clearing first makes screen readers repeat an identical message.
    this.live.textContent = '';
    if (this.#said.push(text) > 1) return;
    setTimeout(() => { this.live.textContent = this.#said.join('. '); this.#said = []; }, 30);
  }

  setTheme(theme: ThemeView | undefined, dir: 'ltr' | 'rtl'): void {
    const s = this.layer.style;
    const set = (name: string, value: string | number | undefined, unit = '') => {
      if (value === undefined || value === '') s.removeProperty(name);
      else s.setProperty(name, String(value) + unit);
    };
    set('--cairn-accent', theme?.accent_color);
    set('--cairn-bg', theme?.background_color);
    set('--cairn-fg', theme?.text_color);
    set('--cairn-border', theme?.border_color);
    set('--cairn-font', theme?.font_family);
    // The author's px are at the browser's default text size (16px): a user
    // who raised that size gets the guide's text as much larger (styles.ts).
    const px = theme?.font_size_px;
    set('--cairn-font-size', px && px / 16, 'em');
    set('--cairn-radius', theme?.radius_px, 'px');
    this.layer.dir = dir;
  }
}
