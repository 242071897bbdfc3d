// Wrong arguments to the public API (docs/sdk.md#wrong-arguments): init
// rejects naming the option; the recording and guide calls warn once per
// message on the console, naming the call and the argument, and do nothing
// else (no event, no exception into the host's code); the debug hooks throw a
// TypeError at once; Cairn.launch of an id that cannot launch here says why
// (a running guide or the holdout say nothing); a queued snippet
// call with an unknown name says so.
import { assert, eventually, withBrowser } from './harness.mjs';
import { sampleGuide, shownStep } from './guides.mjs';

// Launchable only elsewhere, and hidden from (nearly) everyone by its holdout.
const stagingOnly = { ...sampleGuide('nps-survey'), id: 'staging-survey', environments: ['staging'] };
const heldOut = { ...sampleGuide('nps-survey'), id: 'held-survey',
  experiment: { holdout_percent: 99.99, variants: [{ id: 'shown' }], salt: 'held' } };

await withBrowser('browser: sdk wrong arguments', { guides: { guides: [sampleGuide('nps-survey'), stagingOnly, heldOut] } }, async (t) => {
  const state = t.collector.state;
  const page = await t.newPage();
  const warnings = [];
  page.on('console', (m) => { if (m.type() === 'warning') warnings.push(m.text()); });
  await page.goto(`${t.app}/pages/sdk-blank.html`);
  // Each call's warnings (the SDK warns synchronously).
  const warned = async (code) => {
    warnings.length = 0;
    const threw = await page.evaluate((c) => { try { (0, eval)(c); return null; } catch (e) { return String(e); } }, code);
    assert(threw === null, `${code} threw into the host: ${threw}`);
    await page.waitForTimeout(20);
    return warnings.splice(0);
  };

  // Before init too: the call is checked when it is made, not when replayed.
  const early = await warned('Cairn.track(42)');
  assert(early.join() === 'cairn: Cairn.track: event must be a non-empty string, not 42', `early: ${early}`);

  const initError = (options) => page.evaluate(async (o) => {
    try { await window.Cairn.init(o); return null; } catch (e) { return e.message; }
  }, options);
  const host = t.collector.url;
  const refused = [
    [undefined, 'Cairn.init: writeKey must be a non-empty string, not undefined'],
    [{ writeKey: 'test-key' }, 'Cairn.init: host must be an http(s) URL, not undefined'],
    [{ writeKey: 'test-key', host: 'not a url' }, 'Cairn.init: host must be an http(s) URL, not "not a url"'],
    [{ writeKey: 'test-key', host: 'cairn.example.com' }, 'Cairn.init: host must be an http(s) URL, not "cairn.example.com"'],
    [{ writeKey: 'test-key', host: 'ftp://cairn.example.com' }, 'Cairn.init: host must be an http(s) URL, not "ftp://cairn.example.com"'],
    [{ writeKey: 'test-key', host: '/cairn' }, 'Cairn.init: host must be an http(s) URL, not "/cairn"'],
    // Requests go to host + '/v1/...': a query or fragment would swallow the
    // path, and a browser refuses to fetch a URL with credentials.
    ...['https://c.example.com/?x', 'https://c.example.com?', 'https://c.example.com/#top', 'https://user:pw@c.example.com',
      'https://c.example.com '].map((h) => [{ writeKey: 'test-key', host: h },
      `Cairn.init: host must be an http(s) URL without a query, fragment, credentials or spaces (the SDK adds /v1/... to it), not ${JSON.stringify(h)}`]),
    [{ writeKey: 42, host }, 'Cairn.init: writeKey must be a non-empty string, not 42'],
    [{ writeKey: 'test-key', host, consent: 'yes' }, 'Cairn.init: consent must be "granted" or "pending", not "yes"'],
    [{ writeKey: 'test-key', host, autocapture: 'false' }, 'Cairn.init: autocapture must be true or false, not "false"'],
    [{ writeKey: 'test-key', host, environment: 'Staging' }, 'Cairn.init: environment must be "production" or "staging", not "Staging"'],
    [{ writeKey: 'test-key', host, locale: ['en'] }, 'Cairn.init: locale must be a string, not ["en"]'],
    [{ writeKey: 'test-key', host, unmaskedTraits: 'email' },
      'Cairn.init: unmaskedTraits must be an array of at most 100 trait names (non-empty strings), not "email"'],
    [{ writeKey: 'test-key', host, unmaskedTraits: ['email', ''] },
      'Cairn.init: unmaskedTraits must be an array of at most 100 trait names (non-empty strings), not ["email", ""]'],
    [{ writeKey: 'test-key', host, unmaskedTraits: [['email'], 1, 2, 3] },
      'Cairn.init: unmaskedTraits must be an array of at most 100 trait names (non-empty strings), not [[…], 1, 2, …]'],
    [{ writeKey: 'test-key', host, unmaskedTraits: Array(101).fill('email') },
      'Cairn.init: unmaskedTraits must be an array of at most 100 trait names (non-empty strings), not ["email", "email", "email", …]'],
  ];
  for (const [options, message] of refused) {
    const error = await initError(options);
    assert(error === message, `init(${JSON.stringify(options)}): ${error}`);
  }
  // A URL object (not text, as the types say) is refused too, not a TypeError later.
  const urlObject = await page.evaluate((h) => window.Cairn.init({ writeKey: 'test-key', host: new URL(h) }).then(() => null, (e) => e.message), host);
  assert(urlObject === 'Cairn.init: host must be an http(s) URL, not an object', `host: new URL(...): ${urlObject}`);
  assert(await page.evaluate(() => window.Cairn.debug.core()) === null, 'a refused init starts nothing');
  assert(await initError({ writeKey: 'test-key', host, flushIntervalMs: 200 }) === null, 'a corrected init starts');

  const calls = [
    ['Cairn.identify(4.5)', 'Cairn.identify: userId must be a non-empty string or null, not 4.5'],
    ["Cairn.identify('')", 'Cairn.identify: userId must be a non-empty string or null, not ""'],
    ["Cairn.identify('user-1', 'plan=team')", 'Cairn.identify: traits must be an object, not "plan=team"'],
    ["Cairn.track('')", 'Cairn.track: event must be a non-empty string, not ""'],
    ["Cairn.track('Saved', [1, 2])", 'Cairn.track: properties must be an object, not [1, 2]'],
    ["Cairn.track('Saved', { size: 10n })", 'Cairn.track: properties must be JSON (no cycles or BigInt), not an object'],
    ["Cairn.page(5)", 'Cairn.page: name must be a string, not 5'],
    ["Cairn.page('Home', () => 1)", 'Cairn.page: properties must be an object, not a function'],
    ['Cairn.group(null)', 'Cairn.group: groupId must be a non-empty string, not null'],
    ["Cairn.consent('false')", 'Cairn.consent: granted must be true or false, not "false"'],
    ['Cairn.launch()', 'Cairn.launch: guideId must be a non-empty string, not undefined'],
    ["Cairn.launch('unknown-id')", 'Cairn.launch("unknown-id"): no published guide has this id'],
    ["Cairn.launch('staging-survey')", 'Cairn.launch("staging-survey"): not published for this environment'],
    ["Cairn.track('x'.repeat(300))", null],
    ["Cairn.launch('g'.repeat(300))", null],
  ];
  for (const [code, message] of calls) {
    const got = await warned(code);
    if (message === null) {
      // The core's own limits: its reason, whatever its wording, in one warning.
      const start = code.startsWith('Cairn.launch') ? `cairn: Cairn.launch("${'g'.repeat(300)}"): ` : 'cairn: track dropped: ';
      assert(got.length === 1 && got[0].startsWith(start) && got[0].includes('256'), `${code}: ${got}`);
    } else {
      const want = message.startsWith('cairn: ') ? message : `cairn: ${message}`;
      assert(got.join(' | ') === want, `${code}: ${got.join(' | ')}`);
    }
    // Once per message: the same mistake in a loop does not flood the console.
    assert((await warned(code)).length === 0, `${code} warned twice`);
  }
  const circular = await warned("const o = {}; o.self = o; Cairn.group('acme', o)");
  assert(circular.join() === 'cairn: Cairn.group: traits must be JSON (no cycles or BigInt), not an object', `cycle: ${circular}`);

  // Right arguments still work, and the wrong calls recorded nothing.
  assert((await warned("Cairn.launch('nps-survey')")).length === 0, 'a published guide launches silently');
  assert((await eventually(() => shownStep(page), 'the survey shows')).guide === 'nps-survey', 'launched');
  // Already running: shown again, no warning.
  assert((await warned("Cairn.launch('nps-survey')")).length === 0, 'a running guide launches silently');
  assert((await warned("Cairn.track('Valid Event', { n: 1 }); Cairn.track('No Properties', null); Cairn.flush()")).length === 0,
    'right calls do not warn');
  await eventually(() => state.events.some((e) => e.event === 'No Properties'), 'the valid events arrive');
  const hostEvents = state.events.filter((e) => !String(e.event ?? '').startsWith('cairn_')).map((e) => e.event ?? e.type);
  assert(hostEvents.join() === 'page,Valid Event,No Properties', `only the valid calls were recorded: ${hostEvents}`);
  // A database's numeric id is its decimal text.
  assert((await warned("Cairn.identify(42); Cairn.track('As Number'); Cairn.flush()")).length === 0, 'a whole-number userId is taken');
  const asNumber = await eventually(() => state.events.find((e) => e.event === 'As Number'), 'the numeric user\'s event arrives');
  assert(asNumber.userId === '42', `identify(42) is user "42": ${JSON.stringify(asNumber).slice(0, 300)}`);
  // User "42" is in held-survey's holdout (99.99%, salt "held"), which the
  // user must never notice: nothing shows and the console says nothing.
  assert((await warned("Cairn.launch('held-survey')")).length === 0, 'the holdout launches silently');
  await eventually(() => state.events.some((e) => e.event === 'cairn_guide_seen' && e.properties?.guide_id === 'held-survey'
    && e.properties?.variant === 'holdout'), 'the holdout\'s exposure is recorded');
  assert((await shownStep(page))?.guide === 'nps-survey', 'the holdout shows nothing');

  // The debug hooks throw at the developer's console.
  const debugError = (code) => page.evaluate((c) => { try { (0, eval)(c); return null; } catch (e) { return `${e.name}: ${e.message}`; } }, code);
  const hooks = [
    ['Cairn.debug.describe(null)', 'TypeError: Cairn.debug.describe: expected an Element, got null'],
    ["Cairn.debug.describe('#new-project')", 'TypeError: Cairn.debug.describe: expected an Element, got "#new-project"'],
    ['Cairn.debug.fingerprint(document)', 'TypeError: Cairn.debug.fingerprint: expected an Element, got an object'],
    ['Cairn.debug.locate(null)', 'TypeError: Cairn.debug.locate: expected a fingerprint object, got null'],
    ["Cairn.debug.locate('button')", 'TypeError: Cairn.debug.locate: expected a fingerprint object, got "button"'],
  ];
  for (const [code, message] of hooks) {
    const error = await debugError(code);
    assert(error === message, `${code}: ${error}`);
  }
  const found = await page.evaluate(() => {
    const el = document.getElementById('new-project');
    const fp = window.Cairn.debug.fingerprint(el);
    return window.Cairn.debug.describe(el).tag === 'button' && window.Cairn.debug.locate(fp) === el;
  });
  assert(found, 'the hooks work on an element');
  await page.context().close();

  // A call queued by the inline snippet with a name that does not exist.
  const queued = await t.newPage();
  const queueWarnings = [];
  queued.on('console', (m) => { if (m.type() === 'warning') queueWarnings.push(m.text()); });
  await queued.addInitScript((h) => { window.Cairn = [['init', { writeKey: 'test-key', host: h, guides: false }], ['indentify', 'user-1']]; }, host);
  await queued.goto(`${t.app}/pages/sdk-blank.html`);
  await eventually(() => queued.evaluate(() => window.Cairn.debug.core()), 'core loaded');
  await queued.evaluate(() => window.Cairn.launch('nps-survey'));
  await eventually(() => queueWarnings.length === 2, 'the warnings arrive');
  assert(queueWarnings[0] === 'cairn: window.Cairn queue: no call named "indentify"', `queue: ${queueWarnings}`);
  assert(queueWarnings[1] === 'cairn: Cairn.launch("nps-survey"): guides are off (guides: false)', `guides off: ${queueWarnings}`);

  // A host with a path (a proxy on the app's own origin, here page.route)
  // and a trailing slash is right: requests go to its /v1/...
  const proxied = await t.newPage();
  const forwarded = [];
  await proxied.route(`${t.app}/cairn/**`, async (route) => {
    const url = route.request().url().replace(`${t.app}/cairn`, host);
    forwarded.push(new URL(url).pathname);
    await route.fulfill({ response: await route.fetch({ url }) });
  });
  await proxied.goto(`${t.app}/pages/sdk-blank.html`);
  await proxied.evaluate((h) => window.Cairn.init({ writeKey: 'test-key', host: h, flushIntervalMs: 200 }), `${t.app}/cairn/`);
  await proxied.evaluate(() => { window.Cairn.track('Through Proxy'); window.Cairn.flush(); });
  await eventually(() => state.events.some((e) => e.event === 'Through Proxy'), 'the event sent through the proxy arrives');
  assert(forwarded.includes('/v1/guides') && forwarded.includes('/v1/batch'), `forwarded: ${forwarded}`);
  assert(t.errors.length === 0, `page errors: ${t.errors.join('; ')}`);
});
