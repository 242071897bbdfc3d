// Builds a 10,000-element page (a table-heavy admin screen) before Cairn starts.
document.addEventListener('DOMContentLoaded', () => {
  const root = document.getElementById('root');
  const rows = [];
  for (let i = 0; i < 1000; i++) {
    const tr = document.createElement('div');
    tr.className = 'row row-' + (i % 7);
    for (let j = 0; j < 8; j++) {
      const cell = document.createElement(j === 7 ? 'button' : 'span');
      cell.className = 'cell c' + j;
      cell.textContent = j === 7 ? 'Edit ' + i : 'Item ' + i + '.' + j;
      if (j === 7) cell.setAttribute('data-testid', 'edit-' + i);
      tr.appendChild(cell);
    }
    rows.push(tr);
  }
  root.append(...rows);
  window.__buildDone = performance.now();
});
