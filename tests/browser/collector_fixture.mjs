// Starts the real cairn-collector for browser tests that need the admin API
// (editor, dashboard, editor bridge): a temporary data dir, an admin account,
// one app whose allowed origins are given, the built editor/dashboard/SDK
// served by the collector. Binds 127.0.0.1 on a port the OS picks; stop()
// sends SIGTERM and waits (SIGKILL after 5 s), and removes the data dir.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { ROOT, DIST } from './harness.mjs';

export const COLLECTOR_BIN = process.env.CAIRN_COLLECTOR ?? join(ROOT, 'build/release/collector/cairn-collector');
export const EDITOR_DIST = join(ROOT, 'build/editor');

function fields(text) {
  return Object.fromEntries(text.trim().split('\n').map((line) => line.trim().split(/\s+/, 2)).filter((p) => p.length === 2));
}

// options: { origins: [appOrigin...], role accounts: [{email, role}] }
export async function startCollector({ origins = [], accounts = [], appName = 'Acme Projects' } = {}) {
  for (const [what, path] of [['collector', COLLECTOR_BIN], ['editor build (node editor/build.mjs)', join(EDITOR_DIST, 'editor/index.html')]]) {
    if (!existsSync(path)) throw new Error(`${what} missing: ${path}`);
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'cairn-browser-'));
  const cli = (args) => execFileSync(COLLECTOR_BIN, [...args, '--data-dir', dataDir], { encoding: 'utf8' });
  const admin = fields(cli(['create-admin', '--email', 'admin@acme.test']));
  const originArgs = origins.flatMap((o) => ['--origin', o]);
  const app = fields(cli(['create-app', '--name', appName, ...originArgs]));
  const child = spawn(COLLECTOR_BIN, ['serve', '--data-dir', dataDir, '--port', '0', '--listen', '127.0.0.1',
    '--sdk-dir', DIST, '--editor-dir', join(EDITOR_DIST, 'editor'), '--dashboard-dir', join(EDITOR_DIST, 'dashboard'),
    '--log-level', 'warn'], { stdio: ['ignore', 'pipe', 'inherit'] });
  // A test past its time limit exits at once (process.exit in its timer): the
  // collector goes with it rather than outlive the test holding CTest's output.
  const killOnExit = () => { child.kill('SIGKILL'); rmSync(dataDir, { recursive: true, force: true }); };
  process.once('exit', killOnExit);
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('collector did not start within 10 s')), 10000);
    child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`collector exited with ${code}`)); });
    createInterface({ input: child.stdout }).once('line', (line) => {
      clearTimeout(timer);
      const port = /:(\d+)$/.exec(line.trim())?.[1];
      port ? resolve(`http://127.0.0.1:${port}`) : reject(new Error(`unexpected first line: ${line}`));
    });
  });
  const collector = {
    url, dataDir, appId: app.app_id, writeKey: app.write_key,
    admin: { email: admin.email, password: admin.password },
    // A logged-in admin API session for set-up steps (the UI under test logs in itself).
    async login(email = admin.email, password = admin.password) {
      const response = await fetch(`${url}/api/login`, { method: 'POST', headers: { 'Content-Type': 'application/json', Origin: url },
        body: JSON.stringify({ email, password }) });
      if (!response.ok) throw new Error(`login ${email}: ${response.status} ${await response.text()}`);
      const cookie = response.headers.get('set-cookie').split(';')[0];
      const { csrf_token: csrf } = await response.json();
      return async (method, path, body) => {
        const r = await fetch(url + path, { method, headers: { 'Content-Type': 'application/json', Origin: url, Cookie: cookie, 'X-Cairn-CSRF': csrf },
          body: body === undefined ? undefined : JSON.stringify(body) });
        const text = await r.text();
        if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${text}`);
        return text ? JSON.parse(text) : {};
      };
    },
    async stop() {
      process.removeListener('exit', killOnExit);
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        const killer = setTimeout(() => child.kill('SIGKILL'), 5000);
        await new Promise((resolve) => child.once('exit', resolve));
        clearTimeout(killer);
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  const call = await collector.login();
  for (const account of accounts) {
    const created = await call('POST', '/api/accounts', { email: account.email, role: account.role });
    account.password = created.password;
  }
  return collector;
}
