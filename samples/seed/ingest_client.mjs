// Sends events to the collector's POST /v1/batch (docs/api-ingest.md) the way a
// bulk Segment-style client would: gzip bodies within the request limits, a
// few requests in flight, 503s retried after Retry-After (safe: messageIds are
// deduplicated), every other refusal reported with the collector's problems.
import { gzipSync } from 'node:zlib';

const MAX_EVENTS = 1000;                 // kMaxEventsPerBatch
const MAX_RAW_BYTES = 3 * 1024 * 1024;   // under kMaxDecompressedBytes (4 MiB)
const MAX_BODY_BYTES = 1024 * 1024;      // kMaxBodyBytes, after gzip
const IN_FLIGHT = 8;
const MAX_ATTEMPTS = 30;

export class IngestClient {
  constructor(host, writeKey) {
    this.url = host.replace(/\/$/, '') + '/v1/batch';
    this.writeKey = writeKey;
    this.pending = [];
    this.pendingBytes = 0;
    this.inFlight = new Set();
    this.totals = { sent: 0, stored: 0, duplicates: 0, requests: 0, retries: 0 };
  }

  // Queues one event (an object); sends when a batch is full. Await it: it
  // waits while IN_FLIGHT requests are running (backpressure).
  async add(event) {
    if (this.error) throw this.error;
    const text = JSON.stringify(event);
    if (this.pending.length >= MAX_EVENTS || this.pendingBytes + text.length > MAX_RAW_BYTES) await this.sendPending();
    this.pending.push(text);
    this.pendingBytes += text.length + 1;
  }

  async flush() {
    if (this.pending.length) await this.sendPending();
    await Promise.all(this.inFlight);
    if (this.error) throw this.error;
  }

  async sendPending() {
    const events = this.pending;
    this.pending = [];
    this.pendingBytes = 0;
    while (this.inFlight.size >= IN_FLIGHT) await Promise.race(this.inFlight);
    const request = this.send(events).catch((e) => { this.error ??= e; }).finally(() => this.inFlight.delete(request));
    this.inFlight.add(request);
  }

  async send(events) {
    const body = gzipSync(`{"batch":[${events.join(',')}]}`);
    if (body.length > MAX_BODY_BYTES) {
      // Half each: a body compresses about evenly.
      const half = Math.ceil(events.length / 2);
      await Promise.all([this.send(events.slice(0, half)), this.send(events.slice(half))]);
      return;
    }
    for (let attempt = 1; ; attempt++) {
      let response, text;
      try {
        response = await fetch(this.url, { method: 'POST', body,
          headers: { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip', 'X-Cairn-Write-Key': this.writeKey } });
        text = await response.text();
      } catch (e) {
        if (attempt >= 5) throw new Error(`POST ${this.url}: ${e.cause?.message ?? e.message}`);
        await sleep(500 * attempt);
        this.totals.retries += 1;
        continue;
      }
      this.totals.requests += 1;
      if (response.status === 503 && attempt < MAX_ATTEMPTS) {
        this.totals.retries += 1;
        await sleep(1000 * Number(response.headers.get('retry-after') ?? 1));
        continue;
      }
      if (response.status !== 200) throw new Error(`POST ${this.url}: ${response.status} ${text.slice(0, 2000)}`);
      const answer = JSON.parse(text);
      if (answer.rejected?.length) throw new Error(`the collector rejected events: ${JSON.stringify(answer.rejected.slice(0, 3))}`);
      this.totals.sent += events.length;
      this.totals.stored += answer.stored;
      this.totals.duplicates += answer.duplicates;
      return;
    }
  }
}

function sleep(ms) { return new Promise((r) => setTimeout(r, ms)); }
