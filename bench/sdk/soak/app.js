// The soak app's own code: renders `n` rows anew (fresh elements, as a
// framework re-rendering a keyed list without reuse does) on each route.
window.soakRender = (route, n = 40) => {
  document.getElementById('title').textContent = route;
  const list = document.getElementById('list');
  const rows = [];
  for (let i = 0; i < n; i++) {
    const li = document.createElement('li');
    li.className = 'row';
    li.innerHTML = `<span class="name">Project ${i}</span> <button type="button" class="edit" data-testid="edit-${i}">Edit ${i}</button>`;
    rows.push(li);
  }
  list.replaceChildren(...rows);
};
window.soakRender('Projects');
