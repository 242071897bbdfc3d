// The editor's side of the bridge, reduced to what the test drives: log in,
// ask the collector for an editor token, open the app, post messages to it and
// keep every message the app posts back. The real editor does the same in
// editor/src/shared/app_bridge.ts.
window.bridgeTest = {
  messages: [],
  app: null,
  csrf: '',
  async login(email, password) {
    const r = await fetch('/api/login', { method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email, password }) });
    this.csrf = (await r.json()).csrf_token || '';
    return r.status;
  },
  async token(appId, purpose) {
    const r = await fetch('/api/apps/' + appId + '/editor-token', { method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Cairn-CSRF': this.csrf }, body: JSON.stringify({ purpose }) });
    return { status: r.status, body: await r.json() };
  },
  open(url) {
    this.app = window.open(url, '_blank');
  },
  send(message, targetOrigin) {
    this.app.postMessage(Object.assign({ cairn: 1 }, message), targetOrigin);
  },
};
window.addEventListener('message', (e) => {
  if (e.source === window.bridgeTest.app) window.bridgeTest.messages.push({ origin: e.origin, data: e.data });
});
