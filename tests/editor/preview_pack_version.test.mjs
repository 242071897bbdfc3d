// The editor packs a draft for preview and check in the version the app's SDK
// reads (docs/editor-bridge.md, `ready`'s `pack_version`): an app embedding an
// SDK from before packed version 2 names none and reads version 1 only, so the
// editor must ask the pack route for version 1, never the collector's newest.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { installFakeDom } from './fake_dom.mjs';
import { loadModule } from './bundle.mjs';

installFakeDom();
const { GuideApi, packVersionOf } = await loadModule('editor/src/editor/guide_api.ts', 'editor/src/shared/app_bridge.ts');

const ready = (fields) => ({ cairn: 1, type: 'ready', url: 'https://app.test/', title: '', sdk_version: '1.0.0', purpose: 'edit', ...fields });

test('the pack version a ready names; none (an older SDK) or a bad one is 1', () => {
  assert.equal(packVersionOf(ready({ pack_version: 2 })), 2);
  assert.equal(packVersionOf(ready({ pack_version: 7 })), 7, 'a newer SDK: the route answers the newest it has');
  assert.equal(packVersionOf(ready({})), 1);
  assert.equal(packVersionOf(null), 1);
  for (const bad of [0, -1, 1.5, '2', null, Number.NaN]) assert.equal(packVersionOf(ready({ pack_version: bad })), 1, String(bad));
});

test('the draft route is asked for the version the app reads', async () => {
  const asked = [];
  const api = { postForBytes: async (path, body, accept) => { asked.push({ path, accept }); return new ArrayBuffer(1); } };
  const guides = new GuideApi(api, 'app 1');
  await guides.pack({ name: 'Tour' }, packVersionOf(ready({})));
  await guides.pack({ name: 'Tour' }, packVersionOf(ready({ pack_version: 2 })));
  assert.deepEqual(asked, [
    { path: '/api/apps/app%201/guides/pack', accept: 'application/vnd.cairn.guides-pack; v=1' },
    { path: '/api/apps/app%201/guides/pack', accept: 'application/vnd.cairn.guides-pack; v=2' },
  ]);
});
