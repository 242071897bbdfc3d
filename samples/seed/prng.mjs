// A small seeded pseudo-random generator (sfc32, seeded through a string hash),
// so the same --seed gives the same users, events, ids and timestamps.
function hashString(text) {
  let h = 0x811c9dc5;
  const out = [];
  for (let round = 0; round < 4; round++) {
    for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
    h = Math.imul(h ^ (round + 1), 0x5bd1e995);
    h ^= h >>> 15;
    out.push(h >>> 0);
  }
  return out;
}

export class Random {
  // `key`: any string; different keys give independent streams.
  constructor(key) {
    [this.a, this.b, this.c, this.d] = hashString(String(key));
    for (let i = 0; i < 12; i++) this.next();
  }

  // Uniform in [0, 1).
  next() {
    this.a >>>= 0; this.b >>>= 0; this.c >>>= 0; this.d >>>= 0;
    const t = (this.a + this.b | 0) + this.d | 0;
    this.d = this.d + 1 | 0;
    this.a = this.b ^ this.b >>> 9;
    this.b = this.c + (this.c << 3) | 0;
    this.c = this.c << 21 | this.c >>> 11;
    this.c = this.c + t | 0;
    return (t >>> 0) / 4294967296;
  }

  chance(p) { return this.next() < p; }
  int(lo, hi) { return lo + Math.floor(this.next() * (hi - lo + 1)); }  // inclusive
  between(lo, hi) { return lo + this.next() * (hi - lo); }
  pick(list) { return list[Math.floor(this.next() * list.length)]; }

  // `weights`: {value: weight}.
  weighted(weights) {
    const entries = Object.entries(weights);
    let r = this.next() * entries.reduce((s, [, w]) => s + w, 0);
    for (const [value, w] of entries) { r -= w; if (r < 0) return value; }
    return entries[entries.length - 1][0];
  }

  // A duration in ms, log-normally spread around `median` (human think times).
  think(median, spread = 0.6) {
    const u = Math.max(this.next(), 1e-9), v = this.next();
    const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    return Math.max(50, Math.round(median * Math.exp(spread * z)));
  }

  hex(bytes) {
    let s = '';
    for (let i = 0; i < bytes; i++) s += Math.floor(this.next() * 256).toString(16).padStart(2, '0');
    return s;
  }

  // A version-4 UUID (what the SDK's recorder uses for messageId and anonymousId).
  uuid() {
    const h = this.hex(16).split('');
    h[12] = '4';
    h[16] = '89ab'[parseInt(h[16], 16) & 3];
    const s = h.join('');
    return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
  }
}
