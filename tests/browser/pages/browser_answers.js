// The page's own click handlers for browser_answers.html: dialogs, a slow
// handler that shows its result after 1.5 s of work, and a link whose default
// the page prevents (so nothing happens at all).
document.querySelector('#confirm').addEventListener('click', () => confirm('Delete the invoice?'));
document.querySelector('#alert').addEventListener('click', () => alert('All good'));
document.querySelector('#prevented').addEventListener('click', (e) => e.preventDefault());
document.querySelector('#slow').addEventListener('click', () => {
  const end = Date.now() + 1500;
  while (Date.now() < end) { /* A long synchronous calculation. */ }
  document.querySelector('#total').hidden = false;
});
