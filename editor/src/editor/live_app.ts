// The guide page's connection to the customer's app: which page of which
// allowed origin to open, and the bridge (shared/app_bridge.ts) that picks
// elements, previews and checks there. One app window per guide page.
import type { Api } from '../shared/api';
import { AppBridge, BridgeError, type BridgeMessage, type BridgePurpose } from '../shared/app_bridge';
import { h } from '../shared/dom';
import type { App } from '../shared/model';
import { fieldId } from './form_fields';

const PATH_KEY = 'cairn:editor:app-path';

export class LiveApp {
  private bridge: AppBridge | null = null;
  private readonly status = h('span', { class: 'live-status', role: 'status' }, 'Not connected');
  private readonly originSelect: HTMLSelectElement;
  private readonly pathInput: HTMLInputElement;
  private readonly messageListeners = new Set<(message: BridgeMessage) => void>();

  // `purpose` "view" (read-only users) gets tokens that only allow highlighting.
  constructor(private readonly api: Api, private readonly app: App, private readonly purpose: BridgePurpose = 'edit') {
    this.originSelect = h('select', { id: fieldId('origin') }, app.origins.map((o) => h('option', { value: o }, o)));
    this.pathInput = h('input', { id: fieldId('path'), type: 'text', value: localStorage.getItem(PATH_KEY) ?? '/', placeholder: '/' });
    this.pathInput.addEventListener('change', () => {
      // An address pasted from the browser's address bar becomes its origin and page.
      const pasted = this.pastedAddress();
      if (pasted && this.app.origins.includes(pasted.origin)) {
        this.originSelect.value = pasted.origin;
        this.pathInput.value = pasted.pathname + pasted.search + pasted.hash;
      }
      localStorage.setItem(PATH_KEY, this.pathInput.value);
    });
  }

  // The page field holding a whole address ("https://app.example.com/projects/new"), if it does.
  private pastedAddress(): URL | null {
    const text = this.pathInput.value.trim();
    if (!/^https?:\/\//i.test(text)) return null;
    try {
      return new URL(text);
    } catch {
      return null;
    }
  }

  get hasOrigins(): boolean {
    return this.app.origins.length > 0;
  }

  get connected(): boolean {
    return !!this.bridge?.connected;
  }

  // Every message from the app window, whichever bridge is current.
  onMessage(listener: (message: BridgeMessage) => void): void {
    this.messageListeners.add(listener);
  }

  // The app URL the author chose: an allowed origin plus a path, or a whole
  // address on an allowed origin (it was opened as a path under the chosen
  // origin: "/https://app.example.com/projects/new", a page the app does not have).
  url(): string {
    const pasted = this.pastedAddress();
    if (pasted) {
      if (this.app.origins.includes(pasted.origin)) return pasted.href;
      throw new BridgeError('origin_not_allowed', `${pasted.origin} is not one of this app's addresses (${this.app.origins.join(', ')}): `
        + 'type the page alone, such as /projects/new, or ask an admin to add the address in App settings.');
    }
    const path = this.pathInput.value.trim() || '/';
    return new URL(path.startsWith('/') ? path : `/${path}`, this.originSelect.value).href;
  }

  // Opens the app (from a click: the browser allows pop-ups only then) and
  // resolves with the connected bridge. `reload` navigates an open window again.
  async open(reload = false): Promise<AppBridge> {
    if (!this.hasOrigins) throw new BridgeError('no_origins', 'This app has no allowed origins yet. An admin adds them in App settings.');
    let url: string;
    try {
      url = this.url();
    } catch (e) {
      this.setStatus(e instanceof Error ? e.message : String(e));
      throw e;
    }
    if (this.bridge && this.bridge.appUrl !== url) this.close();
    if (!this.bridge) {
      const bridge = new AppBridge(this.api, this.app.id, url, this.purpose);
      bridge.subscribe((m) => {
        if (m.type === 'ready' || m.type === 'location') this.setStatus(`Connected: ${String(m.url ?? '')}`);
        if (m.type === 'window_closed') this.setStatus('App window closed');
        this.messageListeners.forEach((listener) => listener(m));
      });
      this.bridge = bridge;
    }
    const bridge = this.bridge;
    if (bridge.connected && !reload) {
      await bridge.connect();
      return bridge;
    }
    this.setStatus('Opening the app…');
    try {
      await bridge.connect(url);
    } catch (e) {
      this.setStatus(e instanceof Error ? e.message : String(e));
      throw e;
    }
    return bridge;
  }

  // Ends a running preview in the app window, if there is one.
  stopPreview(): void {
    this.bridge?.stopPreview();
  }

  // Stops a pick in progress; the pending pick() resolves with null.
  cancelPick(): void {
    this.bridge?.cancelPick();
  }

  close(): void {
    this.bridge?.close();
    this.bridge = null;
  }

  // The bar above the editor: origin, path, open button, connection status.
  view(): HTMLElement {
    const open = h('button', { type: 'button' }, 'Open app');
    open.addEventListener('click', () => { void this.open(true).catch(() => {}); });
    if (!this.hasOrigins) {
      return h('section', { class: 'live-bar', 'aria-label': 'Live app' },
        h('span', { class: 'muted' }, 'This app has no allowed origins, so picking elements and previews are not available. An admin adds origins in App settings.'));
    }
    return h('section', { class: 'live-bar', 'aria-label': 'Live app' },
      h('label', { for: this.originSelect.id }, 'App address'), this.originSelect,
      h('label', { for: this.pathInput.id }, 'Page to open'), this.pathInput,
      open, this.status);
  }

  private setStatus(text: string): void {
    this.status.textContent = text;
  }
}
