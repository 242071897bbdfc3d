// The privacy options of docs/quickstart.md and docs/sdk.md, in Chromium:
// data-cairn-ignore stops click capture, data-cairn-mask keeps texts out of
// every event, consent 'pending' sends and stores nothing until consent(true)
// and consent(false) deletes the stored ids and queue, and Do-Not-Track stops
// recording unless respectDoNotTrack is false. An identify's email trait
// arrives masked, unless unmaskedTraits names it: then that trait alone
// arrives as given, while emails in event properties, other traits, the page
// URL and autocaptured texts stay masked.
import { assert, eventually, withBrowser } from './harness.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

await withBrowser('browser: privacy options', {}, async (t) => {
  const events = t.collector.state.events;
  const names = (from) => events.slice(from).map((e) => e.event ?? `$${e.type}`);
  const open = async (options, { doNotTrack = false, query = '' } = {}) => {
    const page = await t.newPage();
    await page.addInitScript(({ options, doNotTrack }) => {
      window.__cairnTest.options = options;
      if (doNotTrack) Object.defineProperty(Navigator.prototype, 'doNotTrack', { get: () => '1' });
    }, { options, doNotTrack });
    await page.goto(`${t.app}/pages/privacy.html${query}`);
    await eventually(() => page.evaluate(() => window.Cairn.debug.core()), 'core loaded');
    return page;
  };
  // What the SDK keeps in localStorage for recording (ids and the event queue).
  const recorderKeys = (page) => page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('cairn.')));
  // Nothing from `from` on arrives, even after a flush and a few flush intervals.
  const nothingArrives = async (page, from, what) => {
    await page.evaluate(() => window.Cairn.flush());
    await sleep(1200);
    assert(events.length === from, `${what}: ${names(from).join(', ')} arrived`);
  };

  // Defaults: masked and ignored elements.
  let from = events.length;
  const page = await open({});
  for (const id of ['#ignored', '#masked', '#plain']) await page.click(id);
  await page.evaluate(() => window.Cairn.track('Clicks done'));
  await eventually(() => names(from).includes('Clicks done'), 'events arrive with default options');
  const clicks = events.slice(from).filter((e) => e.event === 'cairn_click');
  assert(clicks.length === 2, `two clicks recorded (the ignored one is not): ${JSON.stringify(clicks).slice(0, 400)}`);
  assert(!clicks.some((c) => JSON.stringify(c).includes('"ignored"')), 'no click event for the data-cairn-ignore button');
  assert(clicks.some((c) => c.properties.id === 'masked'), 'the masked button is still recorded as a click');
  assert(clicks.some((c) => c.properties.name === 'Export report'), 'an unmasked button keeps its name');
  const sent = JSON.stringify(events.slice(from));
  assert(!sent.includes('Jane') && !sent.includes('DE89'), `masked texts were sent: ${sent.slice(0, 400)}`);
  await page.context().close();

  // Traits: masked by default, the listed one kept with unmaskedTraits.
  const ANA = 'ana@acme.io';
  const identifyAndTrack = async (options) => {
    const at = events.length;
    const p = await open(options, { query: '?invite=bo@acme.io' });
    await p.click('#contact');
    await p.evaluate((email) => {
      window.Cairn.identify('ana', { Email: email, backup: `ana or ${email}`, plan: 'pro' });
      window.Cairn.track('Invited', { email });
    }, ANA);
    await eventually(() => names(at).includes('Invited'), 'the identify and the track arrive');
    await p.context().close();
    const sent = events.slice(at);
    return { sent, identify: sent.find((e) => e.type === 'identify'), track: sent.find((e) => e.event === 'Invited'),
      click: sent.find((e) => e.event === 'cairn_click') };
  };
  const masked = await identifyAndTrack({});
  assert(masked.identify.traits.Email === '[email]' && masked.identify.traits.plan === 'pro',
    `by default the email trait is masked: ${JSON.stringify(masked.identify.traits)}`);
  assert(!JSON.stringify(masked.sent).includes('@acme.io'), `an email was sent without unmaskedTraits: ${JSON.stringify(masked.sent).slice(0, 600)}`);
  const kept = await identifyAndTrack({ unmaskedTraits: ['email'] });
  assert(kept.identify.traits.Email === ANA, `unmaskedTraits: ['email'] sends the trait as given: ${JSON.stringify(kept.identify.traits)}`);
  assert(kept.identify.traits.backup === 'ana or [email]', `another trait stays masked: ${kept.identify.traits.backup}`);
  assert(kept.track.properties.email === '[email]', `a track property stays masked: ${kept.track.properties.email}`);
  assert(kept.click && JSON.stringify(kept.click).includes('Write to [email]'), `an autocaptured text stays masked: ${JSON.stringify(kept.click)}`);
  const leaked = kept.sent.filter((e) => e !== kept.identify && JSON.stringify(e).includes('@acme.io'));
  assert(leaked.length === 0, `only the listed trait carries an email: ${JSON.stringify(leaked).slice(0, 600)}`);
  assert(kept.identify.context.page.url.endsWith('?invite=[email]'), `the page URL stays masked: ${kept.identify.context.page.url}`);

  // Consent pending: nothing sent or stored for recording, until consent(true).
  from = events.length;
  const pending = await open({ consent: 'pending' });
  await pending.evaluate(() => window.Cairn.track('Before consent'));
  await pending.click('#plain');
  await nothingArrives(pending, from, 'consent pending');
  assert((await recorderKeys(pending)).length === 0, `stored before consent: ${await recorderKeys(pending)}`);
  await pending.evaluate(() => { window.Cairn.consent(true); window.Cairn.track('After consent'); });
  await eventually(() => names(from).includes('After consent'), 'events arrive after consent(true)');
  assert(!names(from).includes('Before consent'), 'an event from before consent is not kept');
  assert(await pending.evaluate(() => JSON.parse(localStorage.getItem('cairn:consent'))) === 'granted', 'the answer is remembered');
  await pending.evaluate(() => window.Cairn.consent(false));
  from = events.length;
  await pending.evaluate(() => window.Cairn.track('After withdrawal'));
  await nothingArrives(pending, from, 'consent withdrawn');
  assert((await recorderKeys(pending)).length === 0, `ids or queue kept after consent(false): ${await recorderKeys(pending)}`);
  await pending.context().close();

  // Do-Not-Track: honoured by default, ignored with respectDoNotTrack: false.
  from = events.length;
  const dnt = await open({}, { doNotTrack: true });
  await dnt.evaluate(() => window.Cairn.track('With DNT'));
  await nothingArrives(dnt, from, 'Do-Not-Track');
  await dnt.context().close();
  const overridden = await open({ respectDoNotTrack: false }, { doNotTrack: true });
  await overridden.evaluate(() => window.Cairn.track('DNT ignored'));
  await eventually(() => names(from).includes('DNT ignored'), 'respectDoNotTrack: false records');
  await overridden.context().close();

  assert(t.errors.length === 0, `page errors: ${t.errors.join('; ')}`);
});
