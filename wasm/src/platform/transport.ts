// The network: guides with ETag caching, and event batches by fetch (or
// sendBeacon when the page is going away). Results go back to the caller as
// HTTP statuses (0: no answer); retry and backoff are the core recorder's decision.
// A collector that takes the request and never answers (a hung proxy, a
// captive portal) must not hold init() and the guides for good: the fetch
// gives up after this long and the cached copy runs, as when offline.
const GUIDES_TIMEOUT_MS = 10_000;

export class Transport {
  // The collector's URL without a trailing slash: paths are appended to it.
  readonly #base: string;
  readonly #writeKey: string;
  // The collector answers GET /v1/guides in this form when asked (docs/api.md).
  // `v`: the newest packed version the loaded core reads (CoreModule's
  // packVersion), so a newer collector packs what this core can read.
  readonly #packedGuides: string;

  constructor(host: string, writeKey: string, packVersion: number) {
    this.#base = host.replace(/\/+$/, '');
    this.#writeKey = writeKey;
    this.#packedGuides = `application/vnd.cairn.guides-pack; v=${packVersion}`;
  }

  // The published guides in the packed form (sdk/guide/guide_pack.h): body
  // only with status 200; 304 when `etag` still names them. Rejects offline
  // and after GUIDES_TIMEOUT_MS.
  async fetchGuides(etag: string | null): Promise<{ status: number; etag: string | null; body: Uint8Array | null }> {
    const headers: Record<string, string> = { Authorization: 'Basic ' + btoa(this.#writeKey + ':'), Accept: this.#packedGuides };
    if (etag) headers['If-None-Match'] = etag;
    // Chrome has AbortSignal.timeout from 103 only: before, no time limit.
    const r = await fetch(this.#base + '/v1/guides', { headers, credentials: 'omit', signal: AbortSignal.timeout?.(GUIDES_TIMEOUT_MS) });
    const body = r.status === 200 ? new Uint8Array(await r.arrayBuffer()) : null;
    return { status: r.status, etag: r.headers.get('ETag'), body };
  }

  // Status 0: no answer (offline, DNS, CORS, aborted by `signal`). Not
  // `keepalive`: page hide beacons every queued event, and Chromium does not
  // end a keepalive request on abort, so requests a hung collector never
  // answers stayed open, each holding one of the six connections to its host.
  async send(body: string, signal: AbortSignal): Promise<{ status: number; body: string; retryAfter?: number }> {
    try {
      const r = await fetch(this.#base + '/v1/batch', {
        method: 'POST', body, credentials: 'omit', signal,
        headers: { 'Content-Type': 'application/json', Authorization: 'Basic ' + btoa(this.#writeKey + ':') },
      });
      // Seconds, or an HTTP date (RFC 9110 allows both; a proxy or load
      // balancer in front of the collector may send the date).
      const header = r.headers.get('Retry-After');
      const retry = Number(header) || (Date.parse(header ?? '') - Date.now()) / 1000;
      return { status: r.status, body: await r.text().catch(() => ''), ...(retry > 0 ? { retryAfter: retry } : {}) };
    } catch {
      return { status: 0, body: '' };
    }
  }

  // Best effort on page hide; the write key travels in the body (the core
  // puts it there: beacons cannot set headers). text/plain avoids a CORS
  // preflight, which a page being unloaded would not wait for. False when the
  // browser refused to queue it, or is offline: it queues a beacon then too,
  // says true, and the request fails unseen; refused, the events stay stored
  // for the next page.
  beacon(body: string): boolean {
    if (typeof navigator.sendBeacon !== 'function' || !navigator.onLine) return false;
    return navigator.sendBeacon(this.#base + '/v1/batch', new Blob([body], { type: 'text/plain' }));
  }
}
