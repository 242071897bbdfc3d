// The web apps' side of the editor bridge (docs/editor-bridge.md): opens the
// customer's app in its own window with a short-lived editor token in the URL
// fragment, waits for the SDK's `ready`, then sends requests and matches the
// answers by `request_id`.
//
// Trust contract: a message is accepted only when it comes from the window this
// bridge opened (`event.source`), from the app's origin (`event.origin`) and has
// `cairn: 1`; everything else is ignored. Messages are posted only to that
// window with `targetOrigin` set to the app's origin, never "*".
import { ApiError, type Api } from './api';

export type BridgePurpose = 'edit' | 'view';

export interface ElementSummary {
  tag?: string;
  role?: string;
  text?: string;
  test_id?: string;
}

export interface BridgeMessage {
  cairn: 1;
  type: string;
  request_id?: string;
  [field: string]: unknown;
}

export interface Picked {
  fingerprint: Record<string, unknown>;
  summary: ElementSummary;
  url: string;
  // The check of the picked element's fingerprint on its page; absent from
  // SDKs before it.
  check?: StepCheck;
}

export interface StepCheck {
  step_id: string;
  status: 'found' | 'ambiguous' | 'missing' | 'no_target' | 'other_page';
  confidence?: number;
  runner_up?: number;
  candidates?: Array<{ summary: ElementSummary; score: number }>;
  // Found and ambiguous steps, from SDKs that send them: the values the
  // locator relies on ({"test_id": "new-project"}) and how many other elements
  // only their surroundings tell from it.
  anchors?: Record<string, string>;
  look_alikes?: number;
}

export interface CheckResult {
  url: string;
  steps: StepCheck[];
}

export interface BridgeProblem {
  pointer: string;
  message: string;
}

// A failed request: `code` is the SDK's error code, or one of ours:
// `timeout`, `window_closed`, `popup_blocked`.
export class BridgeError extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
  }
}

export const READY_TIMEOUT_MS = 30000;
export const REQUEST_TIMEOUT_MS = 10000;
// Picking waits for a person to click; long, but bounded.
export const PICK_TIMEOUT_MS = 10 * 60 * 1000;

interface Pending {
  accept: string[];
  resolve(message: BridgeMessage): void;
  reject(error: BridgeError): void;
  timer: number;
}

type Listener = (message: BridgeMessage) => void;

export class AppBridge {
  private window: Window | null = null;
  private readonly origin: string;
  private readonly pending = new Map<string, Pending>();
  private readonly listeners = new Set<Listener>();
  private readyWaiters: Array<{ resolve(m: BridgeMessage): void; reject(e: BridgeError): void }> = [];
  private lastReady: BridgeMessage | null = null;
  private closedPoll = 0;
  private nextId = 1;
  private readonly onMessage = (event: MessageEvent) => this.receive(event);

  // `appUrl` is the page to open (one of the app's allowed origins + a path).
  constructor(private readonly api: Api, private readonly appId: string, readonly appUrl: string,
              private readonly purpose: BridgePurpose = 'edit') {
    this.origin = new URL(appUrl).origin;
    window.addEventListener('message', this.onMessage);
  }

  // True while the app window is open and its SDK said `ready`.
  get connected(): boolean {
    return !!this.window && !this.window.closed && !!this.lastReady;
  }

  // The page the app window shows (from the last `ready` or `location`).
  get currentUrl(): string | null {
    return typeof this.lastReady?.url === 'string' ? this.lastReady.url : null;
  }

  // The newest packed guide version the app's SDK reads (its `ready`), which
  // the draft route packs previews and checks for; 1 for an SDK from before
  // `pack_version` (docs/editor-bridge.md).
  get packVersion(): number {
    return packVersionOf(this.lastReady);
  }

  // Every message from the app window (ready, location, preview_ended, ...).
  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  // Opens (or re-focuses) the app window and resolves once its SDK is ready.
  // Must be called from a user gesture, or the browser blocks the pop-up.
  async connect(path?: string): Promise<BridgeMessage> {
    if (this.connected && path === undefined) {
      this.window!.focus();
      return this.lastReady!;
    }
    // Open synchronously (inside the click) and navigate once the token is there.
    const opened = this.window && !this.window.closed ? this.window : window.open('about:blank', `cairn-app-${this.appId}`);
    if (!opened) throw new BridgeError('popup_blocked', 'The browser blocked the app window. Allow pop-ups for this site and try again.');
    this.window = opened;
    this.lastReady = null;
    this.watchClosed();
    let token: string;
    try {
      token = (await this.api.post<{ token: string }>(`/api/apps/${encodeURIComponent(this.appId)}/editor-token`, { purpose: this.purpose })).token;
    } catch (e) {
      // Closed for a known reason: the caller reports `e`, not "window closed".
      window.clearInterval(this.closedPoll);
      opened.close();
      this.window = null;
      throw tokenError(e);
    }
    const url = new URL(path === undefined ? this.appUrl : new URL(path, this.appUrl).href);
    url.hash = `cairn-editor=${encodeURIComponent(token)}`;
    const ready = this.waitForReady(READY_TIMEOUT_MS);
    opened.location.href = url.href;
    return ready;
  }

  // Sends a request and resolves with the first answer whose type is in `accept`.
  // An `error` answer rejects with its code.
  request(type: string, fields: Record<string, unknown>, accept: string[], timeoutMs = REQUEST_TIMEOUT_MS): Promise<BridgeMessage> {
    if (!this.connected) return Promise.reject(new BridgeError('window_closed', 'The app window is not open. Open it first.'));
    const requestId = `r${Date.now().toString(36)}-${this.nextId++}`;
    return new Promise((resolve, reject) => {
      const timer = window.setTimeout(() => {
        this.pending.delete(requestId);
        reject(new BridgeError('timeout', `The app did not answer "${type}" in ${Math.round(timeoutMs / 1000)} s.`));
      }, timeoutMs);
      this.pending.set(requestId, { accept, resolve, reject, timer });
      this.post({ cairn: 1, type, request_id: requestId, ...fields });
    });
  }

  // Lets the author click an element in the app; null when they cancelled (Esc).
  async pick(): Promise<Picked | null> {
    this.window?.focus();
    const answer = await this.request('pick', {}, ['picked', 'pick_cancelled'], PICK_TIMEOUT_MS);
    if (answer.type === 'pick_cancelled') return null;
    return {
      fingerprint: (answer.fingerprint ?? {}) as Record<string, unknown>,
      summary: (answer.summary ?? {}) as ElementSummary,
      url: String(answer.url ?? ''),
      check: typeof answer.check === 'object' && answer.check !== null ? answer.check as StepCheck : undefined,
    };
  }

  cancelPick(): void {
    if (this.connected) this.post({ cairn: 1, type: 'cancel_pick', request_id: `cancel-${this.nextId++}` });
  }

  // Runs a draft in the app window, in the packed form the collector made of it
  // (GuideApi.pack); resolves with the SDK's problems (empty = started).
  async preview(packedGuide: ArrayBuffer, stepIndex = 0): Promise<BridgeProblem[]> {
    this.window?.focus();
    const answer = await this.request('preview', { packed_guide: packedGuide, step_index: stepIndex }, ['preview_started']);
    return Array.isArray(answer.problems) ? answer.problems as BridgeProblem[] : [];
  }

  // Ends a running preview; the SDK answers `preview_ended` (reason "stopped")
  // to subscribers, and nothing when no preview runs.
  stopPreview(): void {
    if (this.connected) this.post({ cairn: 1, type: 'stop_preview', request_id: `stop-${this.nextId++}` });
  }

  // Locates each step's target of a packed draft on the app's current page.
  async check(packedGuide: ArrayBuffer): Promise<CheckResult> {
    const answer = await this.request('check', { packed_guide: packedGuide }, ['check_result']);
    return { url: String(answer.url ?? ''), steps: Array.isArray(answer.steps) ? answer.steps as StepCheck[] : [] };
  }

  // Outlines the element in the app; the answer is the match status.
  async highlight(fingerprint: unknown): Promise<BridgeMessage> {
    this.window?.focus();
    return this.request('highlight', { fingerprint }, ['check_result', 'highlighted']);
  }

  close(): void {
    window.removeEventListener('message', this.onMessage);
    window.clearInterval(this.closedPoll);
    this.failAll(new BridgeError('window_closed', 'The app window was closed.'));
    this.window?.close();
    this.window = null;
    this.lastReady = null;
    this.listeners.clear();
  }

  private post(message: BridgeMessage): void {
    this.window?.postMessage(message, this.origin);
  }

  private receive(event: MessageEvent): void {
    if (!this.window || event.source !== this.window || event.origin !== this.origin) return;
    const data = event.data as BridgeMessage | null;
    if (!data || typeof data !== 'object' || data.cairn !== 1 || typeof data.type !== 'string') return;
    if (data.type === 'ready') {
      this.lastReady = data;
      const waiters = this.readyWaiters;
      this.readyWaiters = [];
      waiters.forEach((w) => w.resolve(data));
    } else if (data.type === 'location' && this.lastReady) {
      this.lastReady = { ...this.lastReady, url: data.url, title: data.title };
    }
    const pending = typeof data.request_id === 'string' ? this.pending.get(data.request_id) : undefined;
    if (pending && (pending.accept.includes(data.type) || data.type === 'error')) {
      this.pending.delete(data.request_id!);
      window.clearTimeout(pending.timer);
      if (data.type === 'error') pending.reject(new BridgeError(String(data.code ?? 'error'), String(data.message ?? 'The app refused the request.')));
      else pending.resolve(data);
    }
    this.listeners.forEach((listener) => listener(data));
  }

  private waitForReady(timeoutMs: number): Promise<BridgeMessage> {
    return new Promise((resolve, reject) => {
      const timer = window.setTimeout(() => {
        this.readyWaiters = this.readyWaiters.filter((w) => w !== waiter);
        reject(new BridgeError('timeout', 'The app did not connect. Check that the page loads the Cairn SDK with this app\'s write key, and that the page\'s origin is one of the app\'s allowed origins.'));
      }, timeoutMs);
      const waiter = {
        resolve: (m: BridgeMessage) => { window.clearTimeout(timer); resolve(m); },
        reject: (e: BridgeError) => { window.clearTimeout(timer); reject(e); },
      };
      this.readyWaiters.push(waiter);
    });
  }

  // A closed window never answers: fail what waits on it instead of timing out.
  private watchClosed(): void {
    window.clearInterval(this.closedPoll);
    this.closedPoll = window.setInterval(() => {
      if (this.window && !this.window.closed) return;
      window.clearInterval(this.closedPoll);
      this.lastReady = null;
      this.failAll(new BridgeError('window_closed', 'The app window was closed.'));
      this.listeners.forEach((listener) => listener({ cairn: 1, type: 'window_closed' }));
    }, 500);
  }

  private failAll(error: BridgeError): void {
    for (const [, pending] of this.pending) {
      window.clearTimeout(pending.timer);
      pending.reject(error);
    }
    this.pending.clear();
    const waiters = this.readyWaiters;
    this.readyWaiters = [];
    waiters.forEach((w) => w.reject(error));
  }
}

// The pack version a `ready` names: SDKs before packed version 2 name none
// and read version 1 only.
export function packVersionOf(ready: BridgeMessage | null): number {
  const v = ready?.pack_version;
  return typeof v === 'number' && Number.isInteger(v) && v >= 1 ? v : 1;
}

// Token refusals in words an author can act on.
function tokenError(e: unknown): unknown {
  if (!(e instanceof ApiError)) return e;
  if (e.status === 404 || e.status === 405) {
    return new BridgeError('unsupported', 'This collector cannot issue editor tokens (POST /api/apps/{app_id}/editor-token); update it to open the app from here.');
  }
  if (e.code === 'forbidden') return new BridgeError('forbidden', 'Your role does not allow opening the app in editor mode.');
  return e;
}
