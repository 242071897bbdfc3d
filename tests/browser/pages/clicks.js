// The page's own click handlers for clicks.html, each changing the page (or
// not) synchronously in the click's task, as an app's handlers do.
document.querySelector('#open').addEventListener('click', () => {
  document.querySelector('#details').hidden = false;
});
document.querySelector('#edit').addEventListener('click', () => document.querySelector('#name').focus());
document.querySelector('#broken').addEventListener('click', () => {});
// Only a track call: nothing changes on screen, yet the page answered.
document.querySelector('#buy').addEventListener('click', () => window.Cairn.track('Bought', { item: 'book' }));
document.querySelector('#more').addEventListener('click', () => { document.querySelector('details').open = true; });
document.querySelector('#terms').addEventListener('click', () => document.querySelector('#terms-dialog').show());
document.querySelector('#menu').addEventListener('click', () => document.querySelector('#menu-list').showPopover());
document.querySelector('#tab').addEventListener('click', () => history.pushState(null, '', '?tab=2'));
// A press that relabels its button before the click (as "Save" → "Saving…").
document.querySelector('#relabel').addEventListener('mousedown', (e) => { e.currentTarget.textContent = 'Saving…'; });
