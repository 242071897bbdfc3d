// What a host passes to Cairn.init(). Every option is documented in docs/sdk.md.
import { argumentsProblem, flag, oneOf, optional, string, text, type Check } from './arguments';

// The comments are JSDoc so that they reach the package's .d.ts: a host's
// editor shows them on hover.
export interface CairnOptions {
  /** The app's write key (cwk_...). */
  writeKey: string;
  /** The collector's origin, e.g. "https://cairn.example.com". */
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
}

// The core recorder's cap on events per batch (kMaxBatchEvents in
// sdk/recorder/recorder.h) and on the flush interval (recorder_export.cpp).
const MAX_FLUSH_AT = 100;
const MAX_FLUSH_INTERVAL_MS = 3_600_000;

export const DEFAULTS = {
  autocapture: true,
  capturePageviews: true,
  consent: 'granted' as const,
  respectDoNotTrack: true,
  sampleRate: 1,
  guides: true,
  flushAt: 20,
  flushIntervalMs: 5000,
};

// What each option must be. A value outside it is refused by init() rather
// than silently replaced or ignored, so a typo ('Staging', autocapture:
// 'false', a host without its scheme) cannot quietly change what runs.
const OPTION_CHECKS: { [K in keyof CairnOptions]-?: Check } = {
  writeKey: text,
  host: httpUrl,
  wasmUrl: optional(string),
  locale: optional(string),
  environment: optional(oneOf('production', 'staging')),
  consent: optional(oneOf('granted', 'pending')),
  autocapture: optional(flag),
  capturePageviews: optional(flag),
  respectDoNotTrack: optional(flag),
  guides: optional(flag),
  sampleRate: optional(range(0, 1, false)),
  flushAt: optional(range(1, MAX_FLUSH_AT, true)),
  flushIntervalMs: optional(range(0, MAX_FLUSH_INTERVAL_MS, true)),
};

function httpUrl(v: unknown): string | null {
  try {
    const url = new URL(String(v));
    if ((url.protocol === 'https:' || url.protocol === 'http:') && url.host !== '') return null;
  } catch {
    // not a URL at all
  }
  return 'an http(s) URL';
}

function range(min: number, max: number, integer: boolean): Check {
  return (v) => (typeof v === 'number' && v >= min && v <= max && (!integer || Number.isInteger(v))
    ? null : `${integer ? 'an integer' : 'a number'} from ${min} to ${max}`);
}

// The options init() does not know: a typo (capturePageViews, autoCapture)
// would otherwise leave its default running unnoticed. Warned, not refused,
// so a page written for a newer SDK still starts.
export function unknownOptions(options: CairnOptions): string[] {
  return Object.keys(options).filter((name) => !(name in OPTION_CHECKS) && name !== 'wasm');
}

// What is wrong with `options` (one message naming the option), or null. A
// missing writeKey or host is named like a wrong one.
export function optionsProblem(options: CairnOptions): string | null {
  const given = (options ?? {}) as unknown as Record<string, unknown>;
  return argumentsProblem(OPTION_CHECKS, Object.keys(OPTION_CHECKS).map((name) => given[name]));
}
