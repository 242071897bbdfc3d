// One running Cairn SDK in a page: wires the core (session, locator, recorder)
// to the browser platform (DOM, routes, storage, network) and the UI. It
// executes the core's commands and feeds it inputs; policy lives in the core.
import { CoreModule } from '../core/core_module';
import type { Command, CommandBatch, Fingerprint, GuidesLoaded, PageInfo, Problem, RecorderAnswer, RecorderCommand, RecorderInput, SessionInput, UserContext } from '../core/protocol';
import { viewFromCommand } from '../core/view_from_command';
import { describeElement, type ElementDescriptor } from '../platform/element_descriptor';
import { DomWatcher } from '../platform/dom_watcher';
import { GuidesCache } from '../platform/guides_cache';
import { LocatorPage } from '../platform/locator_page';
import { LocalStore } from '../platform/local_store';
import { nextTask, scanPage } from '../platform/page_scan';
import { PressDescriptions } from '../platform/press_description';
import { RouteWatcher } from '../platform/route_watcher';
import { TargetTracker } from '../platform/target_tracker';
import { deviceTimeZone } from '../platform/time_zone';
import { Transport } from '../platform/transport';
import { type CenterFn, type PlaceFn, type PlaceResult } from '../ui/anchor';
import { randomHex } from '../platform/random_hex';
import { joinTabs, type Tab } from '../platform/tab_presence';
import { linkAnswered } from '../platform/link_answer';
import { StepPresenter } from '../ui/step_presenter';
import type { UserAction } from '../ui/step_view';
import { UiRoot } from '../ui/ui_root';
import { connectEditor, type EditorSession } from './editor_port';
import { DEFAULTS } from './options';
import type { CairnOptions } from './public_types';
import { warnOnce } from './warn_once';

const SIDES = ['top', 'bottom', 'left', 'right', 'auto'];
const ALIGNS = ['start', 'center', 'end'];
const RESULT_SIDES = ['top', 'bottom', 'left', 'right', 'center'];
const STATE_KEY = 'session';

export class CairnClient {
  readonly options: Required<Omit<CairnOptions, 'wasmUrl' | 'environment' | 'locale' | 'unmaskedTraits'>> & CairnOptions;
  readonly #store = new LocalStore('cairn:');
  readonly #guidesCache = new GuidesCache(this.#store);
  readonly #transport: Transport;
  readonly #ui = new UiRoot();
  readonly #presenter: StepPresenter;
  readonly #tracker: TargetTracker;
  readonly #locatorPage: LocatorPage;
  readonly #domWatcher = new DomWatcher(() => this.#onDomChange());
  readonly #routeWatcher = new RouteWatcher((url) => this.#onRoute(url));
  #sessionTimer = 0;
  #recorderTimer = 0;
  // The recorder's batch requests in flight, to abort one it gives up on.
  readonly #sending = new Map<number, AbortController>();
  // Autocaptured clicks, recorded in the task after their own: recording
  // (JSON into the core, masking, the queue) would lengthen the click's task
  // (bench/sdk/RESULTS.md, Session 9). Inputs whose answer no caller reads
  // (WAITS_BEHIND_CLICKS: a guide event of a launch in the click's handler, a
  // page view of its route change) wait behind them; any other but a change
  // records them first (track()'s outcome, identify()'s ids, page_hide's
  // beacons), so none overtakes a click. A change may: the core takes a click
  // after the changes it caused (sdk/recorder/dead_click_detector.h).
  #waiting: RecorderInput[] = [];
  readonly #presses = new PressDescriptions();
  #ids = { anonymous_id: '', user_id: '' };
  #traits: Record<string, unknown> = {};
  // Whose #traits they are: the last identify()'s user id (null: none yet).
  #traitsOf: string | null = null;
  readonly #cleanups: Array<() => void> = [];
  // Editor mode (docs/editor-bridge.md): set when the editor opened this tab
  // with a verified token. `held` keeps recorder inputs while the editor chunk
  // loads and the token is verified: dropped in editor mode, replayed otherwise.
  #editor: EditorSession | null = null;
  #held: RecorderInput[] | null = null;
  // Session inputs from before the session started (identify/track/launch
  // right after init, while guides load): the start input carries the user and
  // page as they are then, so only events and launches wait to be replayed.
  #sessionHeld: SessionInput[] | null = [];
  // Set by shutdown(), which may come while start() waits for its next task.
  #stopped = false;
  // The guide list the running session was started with, to start a fresh
  // session with it on reset().
  #packedGuides: Uint8Array | null = null;
  // This tab among the origin's others (docs/sdk.md#several-tabs), and the
  // stored queues of gone tabs this one took over, with the values it read:
  // one is removed only while it still holds them (its tab may be back).
  #tab: Tab | null = null;
  readonly #adopted = new Map<string, string>();
  // A write of the recorder answer being run was refused (full quota,
  // storage disabled).
  #refused = false;

  constructor(readonly core: CoreModule, options: CairnOptions) {
    this.options = { ...DEFAULTS, ...options };
    this.#transport = new Transport(options.host, options.writeKey, core.packVersion);
    this.#locatorPage = new LocatorPage(core);
    this.#tracker = new TargetTracker(this.#locatorPage, () => this.#locale(),
      (reports) => this.#session({ type: 'targets', now: Date.now(), reports }));
    this.#presenter = new StepPresenter(this.#ui, this.#placeFn(), this.#centerFn(), (a) => this.#onUserAction(a));
  }

  // ---- lifecycle

  async start(): Promise<void> {
    this.#held = [];
    const editor = await connectEditor({ host: this.options.host, writeKey: this.options.writeKey },
      { core: this.core, ui: this.#ui, locale: () => this.#locale(), user: () => this.#user(), fingerprint: (el) => this.fingerprint(el),
        loadPage: () => this.#loadPage(), loadPackedGuides: (packed) => this.#loadPackedGuides(packed),
        session: (input) => this.#session(input), stopGuides: () => this.#stopGuides() });
    // The core's start below in a task of its own, not the one that
    // instantiated the core (bench/sdk/RESULTS.md); inputs meanwhile are held.
    await nextTask();
    // Inputs are still held while this tab finds its place among the others.
    const tab = this.#tab = editor ? null : await joinTabs();
    if (this.#stopped) return tab?.leave();
    const held = this.#held;
    this.#held = null;
    if (editor) {
      // Editor mode runs no published guides: what waited for them is moot.
      this.#sessionHeld = null;
      this.#editor = editor;
      this.#routeWatcher.start();
      this.#domWatcher.start();
      this.#listen();
      this.#editor.start(this.core.info.version);
      return;
    }
    const nav = navigator as Navigator & { globalPrivacyControl?: boolean };
    const consent = stringOr(this.#store.get('consent'), 'unknown');
    const { id: tabId, running } = tab!;
    const queueKey = QUEUE_KEY + (tabId && '.' + tabId);
    for (const key of this.#store.keys()) {
      // The single queue of earlier SDK versions (id ''), and those of gone tabs.
      const [, name, id = ''] = key.split('.');
      const value = key.startsWith('cairn.') && name === 'queue' && key !== queueKey && !running.has(id) && this.#store.getRaw(key);
      if (value) this.#adopted.set(key, value);
    }
    const stored: Record<string, string> = Object.fromEntries(this.#adopted);
    for (const key of [queueKey, IDENTITY_KEY]) {
      const v = this.#store.getRaw(key);
      if (v !== null) stored[key] = v;
    }
    this.#recorder({ type: 'start', stored, page: pageInfo(),
      config: { write_key: this.options.writeKey, library_version: this.core.info.version,
        tab_id: tabId,
        // A user's withdrawal (consent(false) on an earlier page) holds
        // without consent: 'pending' too: the core reads the stored answer
        // only when consent is required.
        consent_required: this.options.consent === 'pending' || consent === 'denied', consent,
        honor_do_not_track: this.options.respectDoNotTrack, do_not_track: nav.doNotTrack === '1' || nav.globalPrivacyControl === true,
        sample_rate: this.options.sampleRate, autocapture: this.options.autocapture,
        flush_at: this.options.flushAt, flush_interval_ms: this.options.flushIntervalMs,
        unmasked_traits: this.options.unmaskedTraits },
      device: { locale: navigator.language, timezone: deviceTimeZone(), user_agent: navigator.userAgent,
        screen_width: screen.width, screen_height: screen.height, pixel_ratio: devicePixelRatio } });
    // The pageview and the held inputs in the next task, still held meanwhile.
    this.#held = held;
    await nextTask();
    this.#held = null;
    if (this.#stopped) return;
    this.#listen();
    this.#routeWatcher.start();
    this.#domWatcher.start();
    if (this.options.capturePageviews) this.page();
    for (const input of held) this.#recorder(input);
    if (this.options.guides) await this.#loadGuides();
    else this.#sessionHeld = null;
  }

  shutdown(): void {
    this.#recordWaiting();
    this.#stopped = true;
    this.#editor?.stop();
    this.#tracker.stop();
    this.#routeWatcher.stop();
    this.#domWatcher.stop();
    this.#presenter.stop();
    this.#ui.unmount();
    clearTimeout(this.#sessionTimer);
    clearTimeout(this.#recorderTimer);
    while (this.#cleanups.length) this.#cleanups.pop()!();
    this.#tab?.leave();
  }

  #listen(): void {
    const on = (target: EventTarget, type: string, fn: (e: Event) => void, capture = true) => {
      target.addEventListener(type, fn, { capture, passive: true });
      this.#cleanups.push(() => target.removeEventListener(type, fn, { capture }));
    };
    on(document, 'click', (e) => this.#onClick(e as MouseEvent));
    on(document, 'pointerdown', (e) => {
      const path = e.composedPath();
      const el = (e as PointerEvent).isPrimary && !(e as PointerEvent).button ? this.#autocaptured(path) : null;
      if (el) this.#presses.pressed(el, path);
    });
    on(document, 'input', (e) => {
      const key = this.#tracker.keyContaining(e.composedPath());
      if (key) this.#session({ type: 'action', now: Date.now(), action: { kind: 'target_input', key } });
    });
    on(window, 'pagehide', () => this.#recorder({ type: 'page_hide' }));
    // The window losing focus or the tab hidden answers a click too: an
    // alert/confirm/prompt (Chromium blurs the window, after it closes), a tab
    // or window it opened (window.open), a download's save dialog, the app of
    // a mailto: link. Element blurs reach this capturing listener too: not those.
    on(window, 'blur', (e) => {
      if (e.target === window) this.#recorder({ type: 'change' });
    });
    on(document, 'visibilitychange', () => {
      if (document.visibilityState === 'hidden') {
        this.#recorder({ type: 'change' });
        this.#recorder({ type: 'page_hide' });
      }
    });
    // Back online: what was recorded offline goes now, not at the end of the
    // backoff the network errors started (a collector's Retry-After holds).
    on(window, 'online', () => this.#recorder({ type: 'online' }));
    on(window, 'storage', (e) => this.#onOtherTab(e as StorageEvent));
    on(document, 'focusin', () => this.#recorder({ type: 'change' }));
  }

  // Another tab of this origin stored something (docs/sdk.md#several-tabs):
  // the user's consent answer, ids and guide progress hold in every tab.
  #onOtherTab(e: StorageEvent): void {
    if (e.storageArea !== localStorage) return;
    // Only reset() removes the guide state, after storing the new ids: a new
    // visitor here too (an anonymous one's progress and traits go as well).
    if (e.newValue === null) {
      if (e.key === 'cairn:' + STATE_KEY) this.#newVisitor();
    } else if (e.key === 'cairn:consent') {
      const answer = this.#store.get('consent');
      if (answer === 'granted' || answer === 'denied') this.#recorder({ type: 'consent', granted: answer === 'granted' });
    } else if (e.key === IDENTITY_KEY) {
      const before = this.#ids.user_id;
      this.#recorder({ type: 'identity_stored', value: e.newValue });
      // Another user starts a fresh guide history here too (a reset() there
      // is handled on the removal of the guide state that follows).
      if (this.#ids.user_id !== before) this.#traits = {};
      this.#session({ type: 'user', now: Date.now(), user: this.#user() });
    } else if (e.key === 'cairn:' + STATE_KEY && !this.#sessionHeld && !this.#editor) {
      const state = this.#store.get(STATE_KEY);
      if (typeof state === 'string') this.#session({ type: 'other_tab', now: Date.now(), state });
    }
  }

  // ---- public API (cairn.ts forwards here)

  identify(userId: string | null, traits: Record<string, unknown> = {}): void {
    // Another person's traits (the one before on a shared device) must not
    // put this one in their audiences: a new user id starts from its own.
    const another = userId !== null && this.#traitsOf !== null && userId !== this.#traitsOf;
    this.#traits = another ? { ...traits } : { ...this.#traits, ...traits };
    if (userId !== null) this.#traitsOf = userId;
    this.#recorder({ type: 'identify', user_id: userId ?? '', traits });
    this.#session({ type: 'user', now: Date.now(), user: this.#user() });
  }

  track(event: string, properties: Record<string, unknown> = {}): void {
    // An event the recorder refuses (warned there) drives no guide either.
    if (this.#recorder({ type: 'track', name: event, properties }) === 'invalid') return;
    this.#session({ type: 'event', now: Date.now(), name: event });
  }

  page(name = '', properties: Record<string, unknown> = {}): void {
    this.#recorder({ type: 'page', name, properties, page: pageInfo() });
  }

  group(groupId: string, traits: Record<string, unknown> = {}): void {
    this.#recorder({ type: 'group', group_id: groupId, traits });
  }

  // Log out: the recorder's new anonymous id and no user id, and a fresh guide
  // session for that new visitor: what ran is hidden and the progress before is
  // dropped, for an anonymous visitor too (identify() sees "" → "" as no
  // change) and with the new anonymous id for rollouts (a session option).
  reset(): void {
    this.#recorder({ type: 'reset' });
    this.#store.remove(STATE_KEY);
    this.#newVisitor();
  }

  // A reset() here or in another tab: no traits, and a fresh guide session
  // with the new anonymous id (its stored state was removed).
  #newVisitor(): void {
    this.#traits = {};
    this.#traitsOf = null;
    // Not started yet: the start to come reads no state; earlier launches and
    // events were the person before's.
    if (this.#sessionHeld) this.#sessionHeld = [];
    else if (!this.#editor && this.options.guides) {
      this.#stopGuides();
      if (this.#packedGuides) this.#loadPackedGuides(this.#packedGuides);
      this.#startSession(null);
    }
  }

  consent(granted: boolean): void {
    this.#store.set('consent', granted ? 'granted' : 'denied');
    this.#recorder({ type: 'consent', granted });
    // Every tab's queue goes, closed tabs' too, or a later consent(true)
    // would send what was recorded before this answer. (Open tabs purge their
    // own on hearing of it, should they store theirs again meanwhile.)
    if (!granted) for (const key of this.#store.keys()) if (key.startsWith(QUEUE_KEY)) this.#store.removeRaw(key);
  }

  // Sends queued events now (tests, and hosts before a navigation they control).
  flush(): void {
    this.#recorder({ type: 'flush' });
  }

  launch(guideId: string): void {
    if (!this.options.guides) warnOnce(`Cairn.launch("${guideId}"): guides are off (guides: false)`);
    this.#session({ type: 'launch', now: Date.now(), guide_id: guideId });
  }

  describe(el: Element): ElementDescriptor {
    return describeElement(el);
  }

  // The fingerprint a guide step stores for `el` (what the editor's picker sends).
  fingerprint(el: Element): Fingerprint | null {
    const { walk, candidates } = scanPage();
    const self = walk.findIndex((w) => w.el === el);
    if (self < 0) return null;
    return this.#locatorPage.fingerprint(candidates, self, this.#locale());
  }

  // The page measured and loaded into the core's locator (the editor's check).
  #loadPage(): Element[] | null {
    const { walk, candidates } = scanPage();
    return this.#locatorPage.load(candidates) ? walk.map((w) => w.el) : null;
  }

  locateElement(fingerprint: Fingerprint): Element | null {
    const { walk, candidates } = scanPage();
    const answer = this.#locatorPage.locate(fingerprint, candidates, this.#locale());
    return answer && answer.match !== null ? walk[answer.match]?.el ?? null : null;
  }

  // ---- identity

  // The core refuses an input whose locale is over 64 bytes: a longer page
  // lang (or option) names no locale a guide is written in.
  #locale(): string {
    const locale = this.options.locale ?? (document.documentElement.lang || navigator.language || 'en');
    return locale.length > 64 ? 'en' : locale;
  }

  #user(): UserContext {
    return { user_id: this.#ids.user_id, anonymous_id: this.#ids.anonymous_id, traits: this.#traits,
      locale: this.#locale(), environment: this.options.environment };
  }

  // ---- recording (policy, ids, masking, batching and retries are the core recorder's)

  #onClick(e: MouseEvent): void {
    const path = e.composedPath();
    const key = this.#tracker.keyContaining(path);
    if (key) this.#session({ type: 'action', now: Date.now(), action: { kind: 'target_clicked', key } });
    const el = this.#autocaptured(path);
    if (!el) return;
    // Described before the page's own handler may change or remove it.
    const descriptor = this.#presses.forClick(el);
    if (!this.#waiting.length) void nextTask().then(() => this.#recordWaiting());
    this.#waiting.push({ type: 'click', time: Date.now(), x: e.clientX, y: e.clientY, element_key: elementKey(el),
      selector: `${descriptor.tag}${descriptor.name ? ` '${descriptor.name.slice(0, 40)}'` : ''}`, element: descriptor,
      // Read when recorded (#recorder copies the input), after the page's handlers.
      get answered() { return linkAnswered(path, e); } });
  }

  // The element an autocaptured press or click is about, if any (none in
  // editor mode, which records nothing: no description to take). Not one in
  // our own UI: its shadow root is open, so the path starts inside it and
  // closest() stops at the shadow root; a checklist item's click was recorded
  // as the host app's (and as a dead click: its changes are in our shadow root).
  #autocaptured(path: EventTarget[]): Element | null {
    if (!this.options.autocapture || this.#editor) return null;
    const target = path.find((t): t is Element => t instanceof Element) ?? null;
    if (!target || path.some((t) => t instanceof Element && t.matches('cairn-ui,[data-cairn-ignore]'))) return null;
    return target.closest('a,button,input,select,textarea,label,[role],[data-testid],[onclick]') ?? target;
  }

  #recordWaiting(): void {
    for (const input of this.#waiting.splice(0)) this.#recorder(input);
  }

  // Returns the recorder's outcome for an event (RecordOutcome), if any; none
  // for an input that waits behind clicks.
  #recorder(input: RecorderInput): string | undefined {
    if (this.#waiting.length && input.type !== 'change') {
      if (WAITS_BEHIND_CLICKS.has(input.type)) {
        this.#waiting.push(input);
        return;
      }
      this.#recordWaiting();
    }
    if (this.#editor) return;
    if (this.#held) {
      this.#held.push(input);
      return;
    }
    const out = this.core.call<RecorderAnswer>('cairn_recorder_input', { ...input, now: Date.now(), entropy: randomHex(64) });
    if (!out) return;
    // The recorder drops an event the event spec refuses (a too long name, say):
    // its reason, a summary string (or the bridge's problem list).
    if (out.outcome === 'invalid') {
      warnOnce(`${input.type} dropped: ${typeof out.problems === 'string' ? out.problems : JSON.stringify(out.problems)}`);
    }
    if (out.anonymous_id !== undefined) this.#ids = { anonymous_id: out.anonymous_id, user_id: out.user_id ?? '' };
    // Beacons are answered after the answer's own commands: its store and
    // schedule_tick are older than the answers' (run first, they overwrote
    // the stored queue with events the beacons had delivered, and cancelled
    // the timer that sends the events of a refused beacon).
    const beaconed: RecorderInput[] = [];
    this.#refused = false;
    for (const c of out.commands ?? []) this.#runRecorderCommand(c, beaconed);
    for (const answer of beaconed) this.#recorder(answer);
    return out.outcome;
  }

  #runRecorderCommand(c: RecorderCommand, beaconed: RecorderInput[]): void {
    switch (c.type) {
      case 'store':
        if (c.value !== null) this.#refused ||= !this.#stored(this.#store.setRaw(c.key, c.value));
        // A taken-over queue changed since it was read: its tab is back. Nor
        // once a write of this answer was refused: the core removes it right
        // after storing its events in this tab's queue, which is not stored
        // (the core's Storage::write answered true); it is taken over again.
        else {
          if (!this.#adopted.has(c.key) || (!this.#refused && this.#store.getRaw(c.key) === this.#adopted.get(c.key))) this.#store.removeRaw(c.key);
          this.#adopted.delete(c.key);
        }
        break;
      case 'schedule_tick':
        clearTimeout(this.#recorderTimer);
        // A send's answer after shutdown() arms no retry: what it left
        // queued is in storage for the next start.
        if (c.at_ms !== null && !this.#stopped) this.#recorderTimer = window.setTimeout(() => this.#recorder({ type: 'tick' }), Math.max(0, c.at_ms - Date.now()));
        break;
      case 'send_batch':
        if (c.beacon) {
          beaconed.push(this.#transport.beacon(c.body) ? { type: 'delivered', batch_id: c.batch_id, body: '' } : { type: 'failed', batch_id: c.batch_id, status: 0, body: '' });
        } else {
          const abort = new AbortController();
          this.#sending.set(c.batch_id, abort);
          void this.#transport.send(c.body, abort.signal).then((r) => {
            this.#sending.delete(c.batch_id);
            // Aborted: the recorder has its outcome already (a timeout).
            if (!abort.signal.aborted) this.#recorder(r.status >= 200 && r.status < 300
              ? { type: 'delivered', batch_id: c.batch_id, body: r.body }
              : { type: 'failed', batch_id: c.batch_id, status: r.status, body: r.body, ...(r.retryAfter ? { retry_after: r.retryAfter } : {}) });
          });
        }
        break;
      case 'abort_batch':
        // A request the collector took and never answers would otherwise stay
        // open, holding one of the six connections to the collector's host.
        this.#sending.get(c.batch_id)?.abort();
        break;
    }
  }

  // A write localStorage refused leaves the queue or the guides' progress in
  // this page only: the developer hears of it once, the page goes on.
  #stored(ok: boolean): boolean {
    if (!ok) warnOnce('localStorage refused a write (full or disabled): queued events and guide progress are kept only while this page is open');
    return ok;
  }

  // ---- guides

  // The published guides into the core, then the session's start: the cached
  // copy revalidated with its ETag (a 304 runs it), the collector's new list,
  // or offline the cached copy. A cached copy the core refuses (a damaged or
  // edited store) is dropped and the list fetched whole once.
  async #loadGuides(): Promise<void> {
    let problems: Problem[] = [];
    for (let round = 0; round < 2; round++) {
      const cached = this.#guidesCache.read();
      const fresh = await this.#transport.fetchGuides(cached?.etag ?? null).catch(() => null);
      // Shut down while the list was on its way: no session, nothing shown.
      if (this.#stopped) return;
      if (fresh?.status === 200 && fresh.body) {
        problems = this.#loadPackedGuides(fresh.body);
        if (!problems.length) {
          this.#guidesCache.write(fresh.etag, fresh.body);
          this.#packedGuides = fresh.body;
        }
        break;
      }
      if (!cached) break;
      problems = this.#loadPackedGuides(cached.packed);
      if (!problems.length) {
        this.#packedGuides = cached.packed;
        break;
      }
      this.#guidesCache.drop();
    }
    if (problems.length) console.warn('cairn: guides rejected', problems);
    const waiting = this.#sessionHeld ?? [];
    this.#sessionHeld = null;
    this.#startSession(this.#store.get<string>(STATE_KEY));
    // Stamped now: the session's clock never runs back before its start.
    for (const input of waiting) this.#session({ ...input, now: Date.now() });
  }

  #startSession(state: string | null): void {
    this.#session({ type: 'start', now: Date.now(), url: sessionUrl(location.href), state, user: this.#user() });
  }

  // Hands a packed guide list to the core for the next start, preview or
  // check (wasm/bridge/loaded_guides.h); the core's problems when it refuses it.
  #loadPackedGuides(packed: Uint8Array): Problem[] {
    const out = this.core.callBytes<GuidesLoaded>('cairn_guides_load', packed);
    return out ? out.problems ?? [] : [{ pointer: '/guides', reason: 'this SDK build cannot load guides' }];
  }

  // Returns the core's problems with the input (logged, except for previews,
  // whose problems go to the editor).
  #session(input: SessionInput): Problem[] {
    if (this.#editor ? !this.#editor.previewing : !this.options.guides) return [];
    if (this.#sessionHeld) {
      if (input.type === 'event' || input.type === 'launch') this.#sessionHeld.push(input);
      return [];
    }
    const out = this.core.call<CommandBatch>('cairn_session_input', input);
    const problems = out?.problems ?? [];
    // A launch's problem is its id's, one that cannot launch here: the host's
    // argument. (A running guide or the holdout are none: the core is silent.)
    // One warning, the first problem's: an id too long to read also names no
    // guide, and that second problem only follows from the first.
    if (input.type === 'launch' && problems[0]) warnOnce(`Cairn.launch("${input.guide_id}"): ${problems[0].reason}`);
    else if (problems.length && input.type !== 'preview') console.warn('cairn: guides rejected', problems);
    for (const c of out?.commands ?? []) this.#runSessionCommand(c);
    return problems;
  }

  #stopGuides(): void {
    this.#presenter.hideAll();
    this.#tracker.watch([]);
    clearTimeout(this.#sessionTimer);
  }

  #runSessionCommand(c: Command): void {
    this.#editor?.observe(c);
    switch (c.type) {
      case 'watch_targets':
        this.#tracker.watch(c.targets);
        this.#reportTargets();
        break;
      case 'show_step': {
        const view = viewFromCommand(c, document.documentElement.dir === 'rtl' ? 'rtl' : 'ltr');
        this.#presenter.show(view, this.#tracker.element(view.element));
        break;
      }
      case 'hide_step':
        this.#presenter.hide(c.guide_id);
        break;
      case 'record_event':
        // The session knows the user id; the recorder stamps the rest (ids,
        // messageId, context). An anonymous user's event needs its anonymousId
        // to be a valid event on the way in.
        this.#recorder({ type: 'event', event: c.event.userId ? c.event : { ...c.event, anonymousId: this.#ids.anonymous_id } });
        break;
      case 'persist_state':
        // A preview's progress is not the user's.
        if (!this.#editor) this.#stored(this.#store.set(STATE_KEY, c.json));
        break;
      case 'schedule_tick':
        clearTimeout(this.#sessionTimer);
        if (c.at_ms !== null) this.#sessionTimer = window.setTimeout(() => this.#session({ type: 'tick', now: Date.now() }), Math.max(0, c.at_ms - Date.now()));
        break;
      case 'open_url':
        if (c.new_tab) open(c.url, '_blank', 'noopener'); else location.assign(c.url);
        break;
    }
  }

  #reportTargets(): void {
    // Reports reach the session when the sliced scan is done (TargetTracker).
    if (this.#tracker.active) this.#tracker.refresh();
  }

  #onDomChange(): void {
    this.#recorder({ type: 'change' });
    this.#reportTargets();
  }

  #onRoute(url: string): void {
    this.#editor?.onRoute(url);
    this.#recorder({ type: 'change' });
    if (this.options.capturePageviews) this.page();
    this.#session({ type: 'page', now: Date.now(), url: sessionUrl(url) });
  }

  #onUserAction(action: UserAction): void {
    this.#session({ type: 'action', now: Date.now(), action });
  }

  // ---- core calls

  #placeFn(): PlaceFn {
    return (r) => this.#placement(this.core.callDoubles('cairn_place', [r.target.x, r.target.y, r.target.width, r.target.height,
      r.box.width, r.box.height, r.viewport.x, r.viewport.y, r.viewport.width, r.viewport.height,
      Math.max(0, SIDES.indexOf(r.side)), Math.max(0, ALIGNS.indexOf(r.align)), r.rtl ? 1 : 0, r.offset, r.padding, r.arrow, 8], 6), r.box, r.viewport);
  }

  #centerFn(): CenterFn {
    return (box, viewport, padding) => this.#placement(this.core.callDoubles('cairn_place_centered',
      [box.width, box.height, viewport.x, viewport.y, viewport.width, viewport.height, padding], 6), box, viewport);
  }

  #placement(d: Float64Array | null, box: { width: number; height: number }, viewport: DOMRect): PlaceResult {
    if (!d) return { side: 'center', x: (viewport.width - box.width) / 2, y: (viewport.height - box.height) / 2, arrow: null, fits: true, targetVisible: true };
    return { side: RESULT_SIDES[d[0]!] ?? 'center', x: d[1]!, y: d[2]!, arrow: Number.isNaN(d[3]!) ? null : d[3]!, fits: d[4] === 1, targetVisible: d[5] === 1 };
  }
}

// Recorder inputs whose answer no caller reads: they may wait behind queued clicks.
const WAITS_BEHIND_CLICKS = new Set<RecorderInput['type']>(['event', 'page', 'group', 'flush', 'tick', 'online', 'delivered', 'failed']);

// localStorage keys of the core recorder (RecorderConfig): the ids, and the
// queue (one per tab: QUEUE_KEY.<tab id>).
const QUEUE_KEY = 'cairn.queue';
const IDENTITY_KEY = 'cairn.identity';

// The core refuses a session input whose URL is over 8,192 bytes; a longer
// one (a long query) is cut there: its path and its query's start still match.
function sessionUrl(url: string): string {
  return url.slice(0, 8192);
}

// A stored value the core takes as a string (storage a page script may have changed).
function stringOr(value: unknown, fallback: string): string {
  return typeof value === 'string' ? value : fallback;
}

function pageInfo(): PageInfo {
  return { url: location.href, path: location.pathname, title: document.title, referrer: document.referrer, search: location.search };
}

const elementKeys = new WeakMap<Element, string>();
let nextElementKey = 1;
function elementKey(el: Element): string {
  let k = elementKeys.get(el);
  if (!k) { k = 'e' + nextElementKey++; elementKeys.set(el, k); }
  return k;
}
