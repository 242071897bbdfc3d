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
    // The email trait is ours to send, so that support finds a person by the
    // email of their ticket (the dashboard's people search); emails anywhere
    // else (event properties, page texts and URLs) stay masked.
    unmaskedTraits: ['email'],
  });
  // Who the signed-in user is. Every trait each time is simplest here; traits
  // merge per user (the SDK's and the collector's people search), so a call
  // with only what changed would do as well.
  window.identifyAcmeUser = function (user) {
    window.Cairn.identify(user.id, { email: user.email, name: user.name, plan: user.plan, role: user.role,
      company_size: user.company_size });
  };
  var user = null;
  try { user = JSON.parse(localStorage.getItem('acme_user') || 'null'); } catch (e) { user = null; }
  if (user) window.identifyAcmeUser(user);
})();
