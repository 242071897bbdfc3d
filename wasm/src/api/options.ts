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
  // Batch size and delay for event delivery.
  flushAt?: number;
  flushIntervalMs?: number;
}

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
