// Every type a host sees: the npm package's declarations are this file's and
// index.ts's, nothing else (build.mjs ships only what index.d.ts reaches).
// It imports nothing, so no internal module reaches a host's types. The
// comments are JSDoc: a host's editor shows them on hover. The whole API is
// documented in docs/sdk.md.

/** What a host passes to Cairn.init(); docs/sdk.md#options. */
export interface CairnOptions {
  /** The app's write key (cwk_...). */
  writeKey: string;
  /**
   * The collector's URL, e.g. "https://cairn.example.com"; a path behind a
   * proxy ("https://app.example.com/cairn") too. Requests go to host +
   * "/v1/...", so no query, fragment or credentials.
   */
  host: string;
  /** Where cairn.wasm is served; defaults to beside the script (or host + /sdk/cairn.wasm). */
  wasmUrl?: string;
  /** Record clicks automatically (element descriptors, never input values). Default true. */
  autocapture?: boolean;
  /** Record a page view on init and on each SPA route change. Default true. */
  capturePageviews?: boolean;
  /** 'granted' (default) records from the start; 'pending' waits for Cairn.consent(true). */
  consent?: 'granted' | 'pending';
  /** Honour navigator.doNotTrack / globalPrivacyControl: record nothing. Default true. */
  respectDoNotTrack?: boolean;
  /** Fraction of visitors (0..1) whose behaviour is recorded; guides run for all. Default 1. */
  sampleRate?: number;
  /** Show guides (false: analytics only). Default true. */
  guides?: boolean;
  /** Run the guides published for this environment. Default 'production'. */
  environment?: 'production' | 'staging';
  /** The locale of guide content. Default: <html lang>, else the browser's. */
  locale?: string;
  /** A batch goes out once this many events wait (integer, 1-100). Default 20. */
  flushAt?: number;
  /** Longest an event waits before its batch goes out (integer ms, 0-3600000). Default 5000. */
  flushIntervalMs?: number;
  /**
   * Traits of identify()/group() sent as given, e.g. ['email'] so that the
   * dashboard finds people by email. Others (and every event property and
   * autocaptured text) keep their masking. Default none; docs/sdk.md#privacy.
   */
  unmaskedTraits?: string[];
}

/**
 * Traits and event properties: a plain object JSON can hold (each call
 * checks). `any`, so that an interface-typed object passes too, which
 * Record<string, unknown> would refuse.
 */
export type Properties = Record<string, any>;

/** An element's box in page coordinates. */
export interface Rect { x: number; y: number; width: number; height: number }

/** One ancestor of a described element. */
export interface AncestorLevel { tag: string; id?: string; classes?: string[]; role?: string; index: number }

/** What the SDK measures of an element (docs/fingerprint.md). */
export interface ElementDescriptor {
  tag: string;
  id?: string;
  classes?: string[];
  attributes?: Record<string, string>;
  role?: string;
  name?: string;
  text?: string;
  rect?: Rect;
  visible?: boolean;
  index?: number;
  ancestors?: AncestorLevel[];
  label?: string;
  heading?: string;
  neighbors?: string[];
}

/** The fingerprint a guide step stores to find its element again (docs/fingerprint.md). */
export type Fingerprint = Record<string, unknown>;

/**
 * The SDK: window.Cairn with the script tag, the default export of
 * @cairn/sdk. Calls made before init() has loaded the core are queued and
 * replayed in order. Outside a browser (server-side rendering) every call
 * does nothing.
 */
export interface CairnApi {
  /**
   * Loads the core and starts recording and guides. Resolves once guides are
   * loaded (or the collector has not answered for 10 s); rejects naming the
   * option when one is wrong. A second call returns the first one's promise.
   */
  init(options: CairnOptions): Promise<void>;
  /** Who the user is (a whole number is taken as its decimal text; null: the anonymous visitor). */
  identify(userId: string | number | null, traits?: Properties): void;
  /** A custom event; also drives guide triggers. */
  track(event: string, properties?: Properties): void;
  /** A page view (automatic on load and SPA route changes). */
  page(name?: string, properties?: Properties): void;
  /** The account the user belongs to. */
  group(groupId: string | number, traits?: Properties): void;
  /** Log out: forgets the user, new anonymous id, hides guides. */
  reset(): void;
  /** Grants or withdraws consent to record; withdrawing drops the queued events. */
  consent(granted: boolean): void;
  /** Sends queued events now instead of at the next batch interval. */
  flush(): void;
  /** Starts a guide by id (a help button, a launcher), if its rules allow. */
  launch(guideId: string): void;
  /** Stops Cairn on this page; calls until the next init() are dropped. */
  shutdown(): void;
  /** Developer-console hooks; each answers null until init() has loaded the core. */
  debug: {
    describe(el: Element): ElementDescriptor | null;
    fingerprint(el: Element): Fingerprint | null;
    locate(fingerprint: Fingerprint): Element | null;
    core(): { version: string; modules: string[] } | null;
  };
}
