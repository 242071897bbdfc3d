// What a host passes to Cairn.init(). Every option is documented in docs/sdk.md.
export interface CairnOptions {
  writeKey: string;
  // The collector's origin, e.g. "https://cairn.example.com".
  host: string;
  // Where cairn.wasm is served; defaults to beside the script (or host + /sdk/cairn.wasm).
  wasmUrl?: string;
  // Record clicks automatically (element descriptors, never input values).
  autocapture?: boolean;
  // Record a page view on init and on each SPA route change.
  capturePageviews?: boolean;
  // 'granted' records from the start; 'pending' waits for Cairn.consent(true).
  consent?: 'granted' | 'pending';
  // Honour navigator.doNotTrack / globalPrivacyControl: record nothing.
  respectDoNotTrack?: boolean;
  // Fraction of visitors (0..1) whose behaviour is recorded; guides run for all.
  sampleRate?: number;
  // Show guides (false: analytics only).
  guides?: boolean;
  environment?: string;
  locale?: string;
  // A batch goes out once this many events wait (1..MAX_FLUSH_AT), or when the
  // oldest has waited flushIntervalMs, whichever comes first.
  flushAt?: number;
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

// Bounds of the numeric options; a value outside them is refused by init()
// rather than silently replaced, so a typo cannot quietly change delivery.
const NUMERIC_BOUNDS: Array<[keyof CairnOptions, number, number, boolean]> = [
  ['flushAt', 1, MAX_FLUSH_AT, true],
  ['flushIntervalMs', 0, MAX_FLUSH_INTERVAL_MS, true],
  ['sampleRate', 0, 1, false],
];

// What is wrong with `options` (one message naming the option), or null.
export function optionsProblem(options: CairnOptions): string | null {
  if (!options || !options.writeKey || !options.host) return 'writeKey and host are required';
  for (const [name, min, max, integer] of NUMERIC_BOUNDS) {
    const v = options[name];
    if (v === undefined) continue;
    if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max || (integer && !Number.isInteger(v))) {
      return `${name} must be ${integer ? 'an integer' : 'a number'} from ${min} to ${max}, not ${typeof v === 'string' ? JSON.stringify(v) : String(v)}`;
    }
  }
  return null;
}
