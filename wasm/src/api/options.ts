// The checks and defaults of what a host passes to Cairn.init() (the type,
// CairnOptions, is in public_types.ts). Every option is documented in docs/sdk.md.
import { argumentsProblem, flag, oneOf, optional, string, text, type Check } from './arguments';
import type { CairnOptions } from './public_types';

// The core recorder's cap on events per batch (kMaxBatchEvents in
// sdk/recorder/recorder.h) and on the flush interval (recorder_export.cpp).
const MAX_FLUSH_AT = 100;
const MAX_FLUSH_INTERVAL_MS = 3_600_000;
// Names in unmaskedTraits (kMaxUnmaskedTraits in wasm/bridge/recorder_export.cpp).
const MAX_UNMASKED_TRAITS = 100;

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
  unmaskedTraits: optional(traitNames),
};

// unmaskedTraits: the trait keys the core sends as given (docs/sdk.md#privacy).
function traitNames(v: unknown): string | null {
  return Array.isArray(v) && v.length <= MAX_UNMASKED_TRAITS && v.every((name) => text(name) === null)
    ? null : `an array of at most ${MAX_UNMASKED_TRAITS} trait names (non-empty strings)`;
}

// The collector's URL as text, a path on it too (a proxy's prefix: requests
// go to host + '/v1/...' as written, trailing slashes aside). A query or
// fragment would swallow that path, a space breaks it, and a browser refuses
// to fetch a URL with credentials: refused here rather than breaking every
// request (a URL object too, which the SDK could not append to).
function httpUrl(v: unknown): string | null {
  let url: URL | null = null;
  try {
    url = typeof v === 'string' ? new URL(v) : null;
  } catch {
    // not a URL at all
  }
  if (!url || !/^https?:$/.test(url.protocol)) return 'an http(s) URL';
  return /[?#\s]/.test(v as string) || url.username || url.password
    ? 'an http(s) URL without a query, fragment, credentials or spaces (the SDK adds /v1/... to it)' : null;
}

// An http:// collector on an https:// page: the browser blocks every request
// to it as mixed content (no event, no guide) and says so in words that name
// neither the option nor the fix. Loopback hosts are let through (Chromium
// and Firefox treat them as secure), so a local collector still works.
export function mixedContentHost(host: string): boolean {
  return location.protocol == 'https:' && /^http:/i.test(host) &&
    !/^(localhost|127\.[\d.]+|\[::1\]|.*\.localhost)$/.test(new URL(host).hostname);
}

function range(min: number, max: number, integer: boolean): Check {
  return (v) => (typeof v === 'number' && v >= min && v <= max && (!integer || Number.isInteger(v))
    ? null : `${integer ? 'an integer' : 'a number'} from ${min} to ${max}`);
}

// The options init() does not know: a typo (capturePageViews, autoCapture)
// would otherwise leave its default running unnoticed. Warned, not refused,
// so a page written for a newer SDK still starts.
export function unknownOptions(options: CairnOptions): string[] {
  return Object.keys(options).filter((name) => !(name in OPTION_CHECKS));
}

// What is wrong with `options` (one message naming the option), or null. A
// missing writeKey or host is named like a wrong one.
export function optionsProblem(options: CairnOptions): string | null {
  const given = (options ?? {}) as unknown as Record<string, unknown>;
  return argumentsProblem(OPTION_CHECKS, Object.keys(OPTION_CHECKS).map((name) => given[name]));
}
