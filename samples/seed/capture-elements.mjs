// Measures the sample app's clickable elements with the SDK's own descriptor
// code (wasm/src/platform/element_descriptor.ts, bundled on the fly) in
// Chromium, in every state the seed generator clicks them in, and writes
// samples/seed/elements.json. The seed data's clicks carry these descriptors, so
// they are what the real SDK would send for the real app;
// tests/browser/seed_elements.test.mjs re-measures and fails when the app and
// the file drift apart. Needs the dev dependencies (esbuild, playwright-core)
// and /usr/bin/chromium; the generator itself needs neither.
// Usage: node samples/seed/capture-elements.mjs   (rewrites elements.json)
import { buildSync } from 'esbuild';
import { chromium } from 'playwright-core';
import { writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startStaticServer } from '../static_server.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
export const ELEMENTS_FILE = join(here, 'elements.json');
// Substituted per user by the generator: the top bar shows the user's name.
export const USER_NAME = 'USER_NAME';
const VIEWPORT = { width: 1280, height: 800 };
const USER = { id: 'u_0000000000000000', name: USER_NAME, plan: 'trial', role: 'engineer', company_size: '11-50' };
const ONE_PROJECT = [{ name: 'Website relaunch', key: 'WEB', visibility: 'team' }];

const NAV = { nav_home: '[data-testid=nav-home]', nav_projects: '[data-testid=nav-projects]',
  nav_settings: '[data-testid=nav-settings]', nav_billing: '[data-testid=nav-billing]' };
const HOME = { ...NAV, open_projects: '[data-testid=open-projects]', invite: '#invite-team', export_report: '#export-report' };

// state → where, with which stored data, after which actions, which elements.
const STATES = {
  signup: { path: '/signup.html', user: null, elements: { name: '#signup-name', email: '#signup-email', submit: '[data-testid=signup-submit]' } },
  signup_error: { path: '/signup.html', user: null, act: async (p) => p.click('[data-testid=signup-submit]'),
    elements: { email: '#signup-email', submit: '[data-testid=signup-submit]' } },
  home_new: { path: '/', elements: HOME },
  home_returning: { path: '/', projects: ONE_PROJECT, elements: HOME },
  projects_empty: { path: '/projects', elements: { ...NAV, new_project: '#new-project' } },
  projects_list: { path: '/projects', projects: ONE_PROJECT, elements: { ...NAV, new_project: '#new-project' } },
  form: { path: '/projects/new', elements: { ...NAV, name: '#project-name', key: '#project-key', visibility: '#project-visibility',
    cancel: '#project-form a.secondary', save: '#save-project' } },
  form_error: { path: '/projects/new', act: async (p) => { await p.fill('#project-name', 'Mobile app'); await p.fill('#project-key', 'mobile'); await p.click('#save-project'); },
    elements: { ...NAV, key: '#project-key', save: '#save-project' } },
  settings: { path: '/settings', elements: { ...NAV, digest: '#settings-digest', save_settings: '#save-settings' } },
  billing: { path: '/billing', elements: { ...NAV, choose_starter: '[data-plan=starter]', choose_team: '[data-plan=team]', choose_enterprise: '[data-plan=enterprise]' } },
};

function describerSource() {
  const out = buildSync({ entryPoints: [join(root, 'wasm/src/platform/element_descriptor.ts')], bundle: true,
    format: 'iife', globalName: '__cairnDescriptors', write: false, target: 'es2020' });
  return out.outputFiles[0].text;
}

// {viewport, states: {state: {url path, elements: {name: descriptor}}}}.
export async function captureElements() {
  const describer = describerSource();
  const app = await startStaticServer({ '/': join(root, 'samples/acme') }, { spaFallback: { '/': 'index.html' } });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, timeout: 30000,
    args: ['--no-sandbox', '--disable-background-networking', '--disable-gpu', '--no-first-run'] });
  try {
    const states = {};
    for (const [name, s] of Object.entries(STATES)) {
      const context = await browser.newContext({ viewport: VIEWPORT });
      const page = await context.newPage();
      // The app's pages load the SDK from /sdk/; a stub stands in for it here.
      await page.addInitScript(({ user, projects }) => {
        window.Cairn = { init() {}, identify() {}, track() {}, page() {} };
        if (user) localStorage.setItem('acme_user', JSON.stringify(user));
        localStorage.setItem('acme_projects', JSON.stringify(projects));
      }, { user: s.user === null ? null : USER, projects: s.projects ?? [] });
      await page.route('**/sdk/**', (r) => r.fulfill({ status: 200, contentType: 'text/javascript', body: '' }));
      await page.goto(app.url + s.path);
      await page.waitForSelector(Object.values(s.elements)[0]);
      if (s.act) await s.act(page);
      await page.addScriptTag({ content: describer });
      const elements = {};
      for (const [key, selector] of Object.entries(s.elements)) {
        elements[key] = await page.evaluate((sel) => window.__cairnDescriptors.describeElement(document.querySelector(sel)), selector);
      }
      states[name] = { path: s.path, title: await page.title(), elements };
      await context.close();
    }
    return { viewport: VIEWPORT, user_name: USER_NAME, states };
  } finally {
    await browser.close().catch(() => {});
    await app.close();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const captured = await captureElements();
  writeFileSync(ELEMENTS_FILE, JSON.stringify(captured, null, 1) + '\n');
  console.log(`wrote ${ELEMENTS_FILE}: ${Object.keys(captured.states).length} states`);
}
