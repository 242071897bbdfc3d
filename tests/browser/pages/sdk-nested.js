// An open shadow root with a button inside (a web component's), then Cairn
// started once the page and its same-origin iframe have loaded.
document.addEventListener('DOMContentLoaded', () => {
  const root = document.querySelector('#card').attachShadow({ mode: 'open' });
  const button = document.createElement('button');
  button.type = 'button';
  button.id = 'shadow-action';
  button.textContent = 'Share from the card';
  root.append(button);
});
window.addEventListener('load', () => {
  window.Cairn.init({ writeKey: 'test-key', host: window.__cairnTest.host, flushIntervalMs: 300 });
});
