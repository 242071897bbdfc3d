// The SDK asks the collector for the packed guide version of the core it
// loaded, not one its cairn.js was built with: an app whose `wasmUrl` names
// another build of cairn.wasm (a newer one, or one from before the core
// stated its version) must not be sent bytes that core cannot read.
// Here the page's WebAssembly answers with the real core whose
// cairn_pack_version export is replaced (a build reading version 3) or
// removed (a build from before the export: version 1, which every core reads).
import { assert, eventually, withBrowser } from './harness.mjs';
import { PACKED_GUIDES } from './servers.mjs';

const guides = { guides: [{ schema: 1, id: 'b', name: 'Banner', version: 1, status: 'published',
  trigger: { kind: 'page_load' }, frequency: { kind: 'every_session' },
  steps: [{ id: 'b', kind: 'banner', content: { en: { title: 'Hello' } } }] }] };

await withBrowser('browser: sdk pack version', { guides }, async (t) => {
  // Loads the page with the core's export `version` (a number, or null for
  // none) and returns the Accept header of its guides request.
  const acceptWith = async (version) => {
    const page = await t.newPage();
    if (version !== undefined) await page.addInitScript((v) => {
      const swap = (result) => {
        const exports = { ...result.instance.exports };
        if (v === null) delete exports.cairn_pack_version;
        else exports.cairn_pack_version = () => v;
        return { module: result.module, instance: { exports } };
      };
      const streaming = WebAssembly.instantiateStreaming;
      WebAssembly.instantiateStreaming = (...args) => streaming(...args).then(swap);
      const plain = WebAssembly.instantiate;
      WebAssembly.instantiate = (...args) => plain(...args).then((r) => (r.instance ? swap(r) : r));
    }, version);
    let accept = null;
    page.on('request', (r) => { if (r.url().endsWith('/v1/guides')) accept = r.headers().accept ?? ''; });
    await page.goto(`${t.app}/pages/sdk-blank.html`);
    await page.evaluate((host) => window.Cairn.init({ writeKey: 'test-key', host }), t.collector.url);
    await eventually(() => accept !== null, 'the guides are asked for');
    await page.context().close();
    return accept;
  };
  const real = await acceptWith(undefined);
  assert(real === `${PACKED_GUIDES}; v=2`, `the shipped core reads version 2: ${real}`);
  const newer = await acceptWith(3);
  assert(newer === `${PACKED_GUIDES}; v=3`, `a core that reads version 3 asks for it: ${newer}`);
  const older = await acceptWith(null);
  assert(older === `${PACKED_GUIDES}; v=1`, `a core without the export asks for version 1: ${older}`);
  assert(t.errors.length === 0, `page errors: ${t.errors.join('; ')}`);
});
