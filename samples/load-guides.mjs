// Loads the sample guides (samples/guides/*.json) into a running collector and
// publishes them, through the admin API as an editor would. Guides that already
// exist (same name) are left alone, so a second demo run changes nothing.
// Usage: node samples/load-guides.mjs --collector URL --app APP_ID --email E --password P
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, arg, i, all) =>
  (arg.startsWith('--') ? [...pairs, [arg.slice(2), all[i + 1]]] : pairs), []));
const base = args.collector;

let cookie = '';
let csrf = '';
async function call(method, path, body) {
  const response = await fetch(base + path, {
    method,
    headers: { 'Content-Type': 'application/json', Origin: base, Cookie: cookie, 'X-Cairn-CSRF': csrf },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const setCookie = response.headers.get('set-cookie');
  if (setCookie) cookie = setCookie.split(';')[0];
  const text = await response.text();
  const json = text ? JSON.parse(text) : {};
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
  return json;
}

const login = await call('POST', '/api/login', { email: args.email, password: args.password });
csrf = login.csrf_token;
const existing = new Set((await call('GET', `/api/apps/${args.app}/guides`)).guides.map((g) => g.name));
const files = (await readdir(join(here, 'guides'))).filter((f) => f.endsWith('.json')).sort();
for (const file of files) {
  const guide = JSON.parse(await readFile(join(here, 'guides', file), 'utf8'));
  if (existing.has(guide.name)) { console.log(`guide "${guide.name}": already loaded`); continue; }
  const created = await call('POST', `/api/apps/${args.app}/guides`, guide);
  if (created.problems?.length) throw new Error(`${file}: ${JSON.stringify(created.problems)}`);
  await call('POST', `/api/apps/${args.app}/guides/${created.guide.id}/publish`, { note: 'sample guide' });
  console.log(`guide "${guide.name}": published`);
}
