// Acme Projects: a small single-page app (history API routes) that exists to
// show Cairn in a realistic product. Views are built with DOM APIs only.
const view = document.getElementById('view');

function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (v !== false && v != null) el.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) el.append(c);
  return el;
}

const store = {
  get projects() { return JSON.parse(localStorage.getItem('acme_projects') || '[]'); },
  set projects(list) { localStorage.setItem('acme_projects', JSON.stringify(list)); },
  get user() { return JSON.parse(localStorage.getItem('acme_user') || 'null'); },
};

const routes = {
  '/': home,
  '/projects': projects,
  '/projects/new': newProject,
  '/settings': settings,
  '/billing': billing,
};

function home() {
  const user = store.user;
  return h('section', { class: 'page' },
    h('h1', {}, user ? `Welcome back, ${user.name}` : 'Welcome to Acme Projects'),
    h('p', { class: 'lead' }, 'Plan work, track progress and ship together.'),
    h('div', { class: 'grid' },
      h('article', { class: 'card' }, h('h2', {}, 'Your projects'), h('p', {}, `${store.projects.length} active`),
        h('a', { href: '/projects', 'data-link': true, class: 'button', 'data-testid': 'open-projects' }, 'Open projects')),
      h('article', { class: 'card' }, h('h2', {}, 'Invite your team'), h('p', {}, 'Projects work better together.'),
        h('button', { type: 'button', class: 'button secondary', id: 'invite-team', onclick: () => window.Cairn.track('Invite Clicked') }, 'Invite teammates')),
      h('article', { class: 'card' }, h('h2', {}, 'Reports'), h('p', {}, 'Weekly progress, by team.'),
                // Not built yet: the button does nothing, so clicks on it are dead clicks.
        h('button', { type: 'button', class: 'button secondary', id: 'export-report' }, 'Export report'))),
    user ? '' : h('p', {}, h('a', { href: '/signup.html', id: 'signup-link' }, 'Create an account')));
}

function projects() {
  const list = store.projects;
  return h('section', { class: 'page' },
    h('div', { class: 'row' }, h('h1', {}, 'Projects'),
      h('a', { href: '/projects/new', 'data-link': true, class: 'button', id: 'new-project', 'data-testid': 'new-project' }, 'New project')),
    list.length
      ? h('ul', { class: 'list', id: 'project-list' }, list.map((p) => h('li', { class: 'project-row' },
        h('strong', {}, p.name), h('span', { class: 'tag' }, p.key), h('span', { class: 'muted' }, ` · ${p.visibility}`))))
      : h('p', { class: 'empty' }, 'No projects yet. Create your first one.'));
}

function newProject() {
  const form = h('form', { class: 'card form', id: 'project-form', novalidate: true },
    h('h1', {}, 'New project'),
    h('label', { for: 'project-name' }, 'Project name'),
    h('input', { id: 'project-name', name: 'name', required: true, 'data-testid': 'project-name' }),
    h('label', { for: 'project-key' }, 'Project key'),
    h('input', { id: 'project-key', name: 'key', placeholder: 'e.g. ACME', 'aria-describedby': 'key-hint' }),
    // The "confusing field": the hint does not say the key must be capital
    // letters, and the error appears at the bottom of the form.
    h('small', { id: 'key-hint', class: 'muted' }, 'A short identifier used in issue ids (ACME-12).'),
    h('label', { for: 'project-visibility' }, 'Visibility'),
    h('select', { id: 'project-visibility', name: 'visibility' }, h('option', {}, 'private'), h('option', {}, 'team'), h('option', {}, 'public')),
    h('p', { class: 'error', id: 'project-error', role: 'alert' }),
    h('div', { class: 'row' },
      h('a', { href: '/projects', 'data-link': true, class: 'button secondary' }, 'Cancel'),
      h('button', { type: 'submit', class: 'button', id: 'save-project', 'data-testid': 'save-project' }, 'Create project')));
  const error = form.querySelector('#project-error');
  // Like most UI frameworks, only a changed message touches the DOM: a second
  // click on "Create project" with the same mistake changes nothing on screen
  // (which the SDK records as a dead click).
  const show = (message) => { if (error.textContent !== message) error.textContent = message; };
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const name = form.elements.name.value.trim();
    const key = form.elements.key.value.trim();
    if (!name) { show('Give the project a name.'); return; }
    if (!/^[A-Z]{2,6}$/.test(key)) { show('The project key is invalid.'); return; }
    if (store.projects.some((p) => p.key === key)) { show(`A project with the key ${key} exists already.`); return; }
    store.projects = [...store.projects, { name, key, visibility: form.elements.visibility.value }];
    window.Cairn.track('Project Created', { visibility: form.elements.visibility.value });
    navigate('/projects');
  });
  return h('section', { class: 'page' }, form);
}

function settings() {
  const status = h('p', { class: 'muted', id: 'settings-status', role: 'status' });
  return h('section', { class: 'page' }, h('h1', {}, 'Settings'),
    h('div', { class: 'card form' },
      h('label', { for: 'settings-tz' }, 'Time zone'), h('select', { id: 'settings-tz' }, h('option', {}, 'UTC'), h('option', {}, 'Europe/Berlin')),
      h('label', {}, h('input', { type: 'checkbox', id: 'settings-digest' }), ' Weekly digest e-mail'),
      h('button', { type: 'button', class: 'button', id: 'save-settings', onclick: () => {
        status.textContent = 'Settings saved.';
        window.Cairn.track('Settings Saved', { digest: document.getElementById('settings-digest').checked });
      } }, 'Save settings'),
      status));
}

function billing() {
  const current = store.user?.plan ?? 'trial';
  return h('section', { class: 'page' }, h('h1', {}, 'Billing'),
    h('p', { class: 'lead', id: 'current-plan' }, current === 'trial' ? 'You are on the 14-day trial.' : `Your plan: ${current}.`),
    h('div', { class: 'grid' },
      ['Starter', 'Team', 'Enterprise'].map((plan, i) => h('article', { class: 'card' }, h('h2', {}, plan),
        h('p', { class: 'price' }, ['$0', '$12', 'Talk to us'][i]),
        h('button', { type: 'button', class: 'button', 'data-plan': plan.toLowerCase(),
          onclick: () => choosePlan(plan) }, `Choose ${plan}`)))));
}

function choosePlan(plan) {
  const user = store.user;
  if (user) {
    user.plan = plan.toLowerCase();
    localStorage.setItem('acme_user', JSON.stringify(user));
    window.identifyAcmeUser(user);
  }
  window.Cairn.track('Plan Selected', { plan });
  render();
}

function render() {
  const route = routes[location.pathname] ?? home;
  view.replaceChildren(route());
  const user = store.user;
  document.getElementById('current-user').textContent = user ? user.name : '';
}

export function navigate(path) {
  history.pushState({}, '', path);
  render();
}

document.addEventListener('click', (e) => {
  const a = e.target.closest('a[data-link]');
  if (!a || e.metaKey || e.ctrlKey) return;
  e.preventDefault();
  navigate(a.getAttribute('href'));
});
addEventListener('popstate', render);
render();
