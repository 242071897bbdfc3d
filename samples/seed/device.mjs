// One person's browser as the Cairn SDK sees it: the events it records for
// page loads, SPA route changes, identify/track calls, autocaptured clicks
// (with the element descriptors measured from the real app, elements.json),
// rage and dead clicks, and guide events, in the shapes the SDK's recorder and
// guide session send (docs/events.md, docs/recorder.md). It keeps its own clock;
// the behaviour model (journeys.mjs) moves it forward.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const CAPTURED = JSON.parse(readFileSync(join(here, 'elements.json'), 'utf8'));
const LIBRARY = { name: 'cairn.js', version: '0.1.0' };

const DEVICES = [
  { userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36', screen: { width: 1920, height: 1080, density: 1 } },
  { userAgent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15', screen: { width: 1512, height: 982, density: 2 } },
  { userAgent: 'Mozilla/5.0 (X11; Linux x86_64; rv:132.0) Gecko/20100101 Firefox/132.0', screen: { width: 2560, height: 1440, density: 1 } },
  { userAgent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36', screen: { width: 1440, height: 900, density: 2 } },
];
const LOCALES = { 'en-US': 'America/New_York', 'en-GB': 'Europe/London', 'de-DE': 'Europe/Berlin', 'fr-FR': 'Europe/Paris', 'en-IN': 'Asia/Kolkata' };

// The SDK's label for a clicked element (wasm/src/api/cairn_client.ts onClick).
export function selectorLabel(descriptor) {
  return `${descriptor.tag}${descriptor.name ? ` '${descriptor.name.slice(0, 40)}'` : ''}`;
}

// The descriptor of element `key` in captured app state `state`, with the
// signed-in user's name where the app shows it.
function descriptorFor(state, key, userName) {
  const d = CAPTURED.states[state]?.elements[key];
  if (!d) throw new Error(`elements.json has no element "${key}" in state "${state}"`);
  const text = JSON.stringify(d).split(CAPTURED.user_name).join(userName ?? '');
  return JSON.parse(text);
}

export class Device {
  // `random`: this person's Random; `appUrl`: where the sample app is served.
  constructor(random, appUrl) {
    this.random = random;
    this.appUrl = appUrl.replace(/\/$/, '');
    this.anonymousId = random.uuid();
    this.userId = '';
    this.userName = '';
    const locale = random.weighted({ 'en-US': 5, 'en-GB': 2, 'de-DE': 2, 'fr-FR': 1, 'en-IN': 1 });
    this.device = { ...random.pick(DEVICES), locale, timezone: LOCALES[locale] };
    this.now = 0;
    this.events = [];      // {time, body} in recording order
    this.page = null;      // {path, title, url, referrer, state}
    this.keys = new Map(); // element_key per element of the current view
    this.nextKey = 1;
    this.pendingDead = null;
  }

  wait(ms) { this.now += Math.max(1, Math.round(ms)); }

  record(body, time = this.now) {
    const event = { ...body, messageId: this.random.uuid(), anonymousId: this.anonymousId, timestamp: new Date(time).toISOString() };
    if (this.userId) event.userId = this.userId;
    event.context = { library: LIBRARY, page: this.pageProperties(), locale: this.device.locale,
      timezone: this.device.timezone, userAgent: this.device.userAgent, screen: this.device.screen };
    this.events.push({ time, body: event });
    return event;
  }

  pageProperties() {
    const p = { path: this.page.path, title: this.page.title, url: this.appUrl + this.page.path };
    if (this.page.referrer) p.referrer = this.page.referrer;
    return p;
  }

  // A full page load (new document): element keys restart, the SDK records a
  // page view once its core has loaded, then the identify cairn-setup.js made
  // for a signed-in user (the order the real SDK delivers them in).
  load(path, state, referrer = '') {
    this.pageChanged();
    this.keys = new Map();
    this.nextKey = 1;
    this.view(path, state, referrer);
    this.wait(this.random.int(20, 120));
    this.record({ type: 'page', properties: this.pageProperties() });
    if (this.userId && path !== '/signup.html') {
      this.wait(this.random.int(1, 5));
      this.identify(this.traits);
    }
  }

  // An SPA route change: a new view (its elements get new keys), a page view.
  route(path, state) {
    this.pageChanged();
    this.view(path, state, this.page.referrer);
    this.wait(this.random.int(5, 40));
    this.record({ type: 'page', properties: this.pageProperties() });
  }

  view(path, state, referrer) {
    this.page = { path, state, title: CAPTURED.states[state].title, referrer };
    this.viewId = (this.viewId ?? 0) + 1;
  }

  // Re-render of the current view in another captured state (same route).
  rerender(state) { this.page.state = state; this.viewId += 1; }

  identify(traits) { this.record({ type: 'identify', traits }); }

  // Sign-up: from now on events carry the userId, and every app page load
  // identifies with `traits` (cairn-setup.js); setTraits() after a change.
  signIn(userId, traits) {
    this.userId = userId;
    this.userName = traits.name;
    this.traits = traits;
    this.identify(traits);
  }

  setTraits(traits) { this.traits = traits; }

  track(event, properties = {}) { return this.record({ type: 'track', event, properties }); }

  // One autocaptured click on element `key` of the current view. `changes`:
  // whether the page visibly reacts (a dead click is recorded when it does not,
  // and repeated clicks on one waiting element join it, like the recorder).
  click(key, { changes = true, gap = null } = {}) {
    if (gap !== null) this.wait(gap); else this.wait(this.random.think(1800));
    const descriptor = descriptorFor(this.page.state, key, this.userName);
    const r = descriptor.rect;
    const x = Math.round((r.x + r.width * this.random.between(0.2, 0.8)) * 100) / 100;
    const y = Math.round((r.y + r.height * this.random.between(0.25, 0.75)) * 100) / 100;
    const viewKey = `${this.viewId}:${key}`;
    if (!this.keys.has(viewKey)) this.keys.set(viewKey, `e${this.nextKey++}`);
    const elementKey = this.keys.get(viewKey);
    const click = { time: this.now, x, y, elementKey, descriptor };
    this.record({ type: 'track', event: 'cairn_click', properties: { ...descriptor, x, y, element_key: elementKey } });
    this.noteForRage(click);
    const pending = this.pendingDead;
    if (pending && click.time - pending.time > 1000) this.flushDead();  // its window ended unchanged
    if (changes) {
      this.pendingDead = null;  // a change within the window saves every waiting click
    } else if (this.pendingDead && this.pendingDead.elementKey === elementKey) {
      this.pendingDead.count += 1;
    } else if (!this.pendingDead) {
      this.pendingDead = { ...click, count: 1 };
    }
    return click;
  }

  // Rage click: 3 clicks on one element within 1 s and 30 px, reported once per
  // burst by the click that reaches the threshold (sdk/recorder/rage_click_detector).
  noteForRage(click) {
    const burst = (this.burst ?? []).filter((c) => c.elementKey === click.elementKey && click.time - c.time <= 1000 &&
      Math.hypot(c.x - click.x, c.y - click.y) <= 30);
    burst.push(click);
    this.burst = burst;
    if (burst.length === 3 && !this.burstReported) {
      this.burstReported = true;
      this.record({ type: 'track', event: 'cairn_rage_click', properties: this.clickRef(click, {
        click_count: 3, first_click_ms: burst[0].time }) }, click.time);
    }
    if (burst.length < 3) this.burstReported = false;
  }

  clickRef(click, extra) {
    return { target: click.descriptor, selector: selectorLabel(click.descriptor), url: this.appUrl + this.page.path,
      x: click.x, y: click.y, element_key: click.elementKey, ...extra };
  }

  // A navigation: a click waiting less than 1 s is saved by it, an older one is dead.
  pageChanged() {
    if (this.pendingDead && this.now - this.pendingDead.time <= 1000) this.pendingDead = null;
    this.flushDead();
  }

  // A dead click is recorded after its 1 s window, timestamped at the click.
  flushDead() {
    const dead = this.pendingDead;
    if (!dead) return;
    this.pendingDead = null;
    this.record({ type: 'track', event: 'cairn_dead_click', properties: this.clickRef(dead, { click_count: dead.count }) }, dead.time);
  }

  // Guide events as the guide session records them (sdk/event/guide_events.h):
  // `ref` = {guide_id, guide_version, variant?, step_index?, step_id?}.
  guide(name, ref, extra = {}) {
    const properties = { guide_id: ref.guide_id, guide_version: ref.guide_version };
    if (ref.variant) properties.variant = ref.variant;
    if (ref.step_index !== undefined) properties.step_index = ref.step_index;
    if (ref.step_id) properties.step_id = ref.step_id;
    return this.track(name, { ...properties, ...extra });
  }

  // The person's events ordered by time, every timestamp distinct (so the
  // collector's order never depends on which batch arrived first).
  finish(endMs) {
    this.flushDead();
    const sorted = this.events.map((e, i) => ({ ...e, i })).sort((a, b) => a.time - b.time || a.i - b.i);
    let last = -Infinity;
    const out = [];
    for (const e of sorted) {
      const time = Math.max(e.time, last + 1);
      last = time;
      if (time >= endMs) break;
      e.body.timestamp = new Date(time).toISOString();
      out.push({ time, body: e.body });
    }
    return out;
  }
}
