// Calls made in the same tick as Cairn.init, before the core has loaded and
// before guides are fetched, are queued and replayed in order: events carry
// the identified userId, identify's traits decide the first guide evaluation
// (an audience on a trait), a track drives a custom_event trigger, and the
// console stays free of warnings and errors (no "session has not been started").
import { assert, eventually, withBrowser } from './harness.mjs';
import { shownStep } from './guides.mjs';

const banner = (id, title) => ({ id, kind: 'banner', content: { en: { title, body: 'For the team plan.',
  buttons: [{ label: 'Got it', action: 'complete', style: 'primary' }] } } });
const teamBanner = { schema: 1, id: 'team-banner', name: 'Team plan banner', version: 1, status: 'published',
  trigger: { kind: 'page_load' }, frequency: { kind: 'every_session' },
  audience: { attribute: 'plan', op: 'eq', value: 'team' }, steps: [banner('welcome', 'Welcome, team')] };
const onEvent = { schema: 1, id: 'on-early-event', name: 'After the early event', version: 1, status: 'published',
  trigger: { kind: 'custom_event', event: 'Early Event' }, frequency: { kind: 'every_session' },
  audience: { attribute: 'plan', op: 'eq', value: 'team' }, steps: [banner('after', 'Early event seen')] };

await withBrowser('browser: sdk early calls', {}, async (t) => {
  const state = t.collector.state;
  // Opens the page and runs init, identify, track and group in one tick.
  const open = async (guides, plan) => {
    state.guides = { guides };
    const page = await t.newPage();
    const console = [];
    page.on('console', (m) => { if (m.type() === 'warning' || m.type() === 'error') console.push(`${m.type()}: ${m.text()}`); });
    await page.goto(`${t.app}/pages/sdk-blank.html`);
    await page.evaluate(({ host, plan }) => {
      window.Cairn.init({ writeKey: 'test-key', host, flushIntervalMs: 300 });
      window.Cairn.identify('user-42', { plan });
      window.Cairn.track('Early Event', { n: 1 });
      window.Cairn.group('acme', { seats: 5 });
    }, { host: t.collector.url, plan });
    return { page, console };
  };

  // The trait decides the first (page load) evaluation.
  const team = await open([teamBanner], 'team');
  const step = await eventually(() => shownStep(team.page), 'the team-plan banner shows');
  assert(step.guide === 'team-banner' && step.title === 'Welcome, team', `shown: ${JSON.stringify(step)}`);
  await eventually(() => ['identify', 'Early Event', 'group'].every((n) => state.events.some((e) => (e.event ?? e.type) === n)),
    'the early calls arrive');
  const early = state.events.filter((e) => e.type !== 'page' && !String(e.event ?? '').startsWith('cairn_'));
  assert(early.map((e) => e.event ?? e.type).join() === 'identify,Early Event,group', `in call order: ${early.map((e) => e.event ?? e.type)}`);
  for (const e of early) assert(e.userId === 'user-42', `${e.event ?? e.type} carries the userId: ${JSON.stringify(e).slice(0, 300)}`);
  assert(early[0].traits.plan === 'team' && early[1].properties.n === 1 && early[2].groupId === 'acme', 'payloads kept');
  assert(team.console.length === 0, `console: ${team.console.join(' | ')}`);
  await team.page.context().close();

  // Another trait value: the audience keeps the banner away.
  const free = await open([teamBanner], 'free');
  await eventually(() => free.page.evaluate(() => window.Cairn.debug.core()), 'core loaded');
  await eventually(() => state.events.some((e) => e.type === 'identify' && e.traits.plan === 'free'), 'the free-plan identify arrives');
  await free.page.waitForTimeout(500);
  assert(await shownStep(free.page) === null, 'no banner for the free plan');
  assert(free.console.length === 0, `console: ${free.console.join(' | ')}`);
  await free.page.context().close();

  // The early track reaches the session once it starts: its trigger fires.
  const triggered = await open([onEvent], 'team');
  const after = await eventually(() => shownStep(triggered.page), 'the custom_event guide shows');
  assert(after.guide === 'on-early-event', `shown: ${JSON.stringify(after)}`);
  assert(triggered.console.length === 0, `console: ${triggered.console.join(' | ')}`);
  assert(t.errors.length === 0, `page errors: ${t.errors.join('; ')}`);
});
