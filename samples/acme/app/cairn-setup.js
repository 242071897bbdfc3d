// Starts Cairn for the Acme sample app. The host and write key come from <meta>
// tags (the demo script rewrites them), or from the test harness.
(function () {
  var meta = function (name) {
    var m = document.querySelector('meta[name="' + name + '"]');
    return m ? m.getAttribute('content') : '';
  };
  var test = window.__cairnTest || {};
  window.Cairn.init({
    writeKey: test.writeKey || meta('cairn-write-key'),
    host: test.host || meta('cairn-host'),
    flushIntervalMs: test.flushIntervalMs || 2000,
  });
  var user = null;
  try { user = JSON.parse(localStorage.getItem('acme_user') || 'null'); } catch (e) { user = null; }
  if (user) window.Cairn.identify(user.id, { name: user.name, plan: user.plan, role: user.role, company_size: user.company_size });
})();
