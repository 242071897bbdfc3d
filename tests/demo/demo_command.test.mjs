// The README's run command, as a newcomer runs it: `scripts/demo` sets up, builds,
// starts the collector, the sample app, the editor and the dashboard, prints the
// URLs and the admin password; Ctrl-C stops everything; a second run reuses the
// data. Only the ports, the data dir and the number of seeded users differ from a
// newcomer's run (environment variables the script documents).
//
// Ctrl-C is simulated the way a terminal sends it: SIGINT to the whole foreground
// process group, so the script and its children all receive it.
//
// First, each of the two ports taken by another program (a demo still running
// in another terminal): the demo says which port and how to choose another,
// before building, and starts nothing. The second run comes "ten days later"
// (the seed's end moved back) and links the dashboard to the seeded days.
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';
import { adminSession } from '../../samples/admin_session.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const SEED_USERS = 40;
const START_TIMEOUT_MS = 240_000;   // a no-op rebuild, the web apps, the seed
const STOP_TIMEOUT_MS = 20_000;
const TAKEN_PORT_TIMEOUT_MS = 15_000;
const DAY_MS = 86_400_000;   // set-up and build come after the check

function freePort() {
  return new Promise((done, fail) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => done(port));
    }).on('error', fail);
  });
}

function portIsClosed(port) {
  return new Promise((done) => {
    const socket = connect(port, '127.0.0.1');
    socket.on('connect', () => { socket.destroy(); done(false); });
    socket.on('error', () => done(true));
  });
}

// Starts scripts/demo in its own process group and resolves with its output once
// it prints "Press Ctrl-C to stop."; rejects if it exits or times out first.
function startDemo(env) {
  const child = spawn(join(root, 'scripts/demo'), [], {
    cwd: root, env: { ...process.env, ...env }, detached: true, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise((done) => child.on('exit', (code, signal) => done({ code, signal })));
  const ready = new Promise((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`demo did not start in ${START_TIMEOUT_MS} ms:\n${output.slice(-3000)}`)),
      START_TIMEOUT_MS);
    const onData = (chunk) => {
      output += chunk;
      if (output.includes('Press Ctrl-C to stop.')) { clearTimeout(timer); done(output); }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    exited.then(({ code, signal }) => {
      clearTimeout(timer);
      fail(new Error(`demo exited (${code ?? signal}) before it was ready:\n${output.slice(-3000)}`));
    });
  });
  const pressCtrlC = async () => {
    process.kill(-child.pid, 'SIGINT');
    const timeout = new Promise((_, fail) => setTimeout(() => fail(new Error('demo did not stop after Ctrl-C')), STOP_TIMEOUT_MS));
    return Promise.race([exited, timeout]);
  };
  const kill = () => { try { process.kill(-child.pid, 'SIGKILL'); } catch { /* already gone */ } };
  return { ready, pressCtrlC, kill, output: () => output };
}

// Runs scripts/demo with `port` held by a listener of ours and expects it to
// refuse at once, naming the port and the variable that moves it.
async function refusesTakenPort(env, variable) {
  const holder = createServer((socket) => socket.destroy());
  await new Promise((done) => holder.listen(Number(env[variable]), '127.0.0.1', done));
  const demo = startDemo(env);
  try {
    const outcome = await Promise.race([
      demo.ready.then(() => 'ready', () => 'exited'),
      new Promise((done) => setTimeout(() => done('timeout'), TAKEN_PORT_TIMEOUT_MS)),
    ]);
    const output = demo.output();
    assert.equal(outcome, 'exited', `with ${variable}'s port taken the demo stops at once, not after building (${outcome}):\n${output.slice(-2000)}`);
    assert.match(output, new RegExp(`demo: port ${env[variable]} on 127\\.0\\.0\\.1 is already in use`), `the demo names the taken port:\n${output.slice(-2000)}`);
    assert.match(output, new RegExp(`${variable}=\\.\\.\\. scripts/demo`), `the demo says how to choose another port (${variable})`);
    assert.doesNotMatch(output, /Cairn is running|demo: building|EADDRINUSE/, 'nothing starts or builds');
  } finally {
    demo.kill();
    await new Promise((done) => holder.close(done));
  }
}

// A port that is no port number is refused at once, naming the variable
// (before, the demo built first, then failed in curl or the collector).
async function refusesBadPort(env, variable, value) {
  const demo = startDemo({ ...env, [variable]: value });
  try {
    const outcome = await Promise.race([
      demo.ready.then(() => 'ready', () => 'exited'),
      new Promise((done) => setTimeout(() => done('timeout'), TAKEN_PORT_TIMEOUT_MS)),
    ]);
    const output = demo.output();
    assert.equal(outcome, 'exited', `${variable}=${value}: the demo stops at once (${outcome}):\n${output.slice(-2000)}`);
    assert.ok(output.includes(`demo: ${variable} must be a port number from 1 to 65535, not "${value}"`), `${variable}=${value} is named:\n${output.slice(-2000)}`);
    assert.doesNotMatch(output, /demo: building/, 'nothing builds');
  } finally {
    demo.kill();
  }
}

function printed(output, label) {
  const line = output.split('\n').find((l) => l.trimStart().startsWith(label));
  assert.ok(line, `the demo prints "${label}"`);
  return line.slice(line.indexOf(label) + label.length).trim();
}

async function get(url) {
  const response = await fetch(url);
  return { status: response.status, type: response.headers.get('content-type') ?? '', text: await response.text() };
}

async function checkRunning(output) {
  const sampleUrl = printed(output, 'sample app (Acme Projects):').split(/\s+/)[0];
  const collectorUrl = printed(output, 'collector:').split(/\s+/)[0];
  const editorUrl = printed(output, 'editor:');
  const dashboardUrl = printed(output, 'dashboard:');
  const [email, password] = printed(output, 'admin login:').split(/\s+/).filter((w) => w !== '/');

  const signup = await get(sampleUrl);
  assert.equal(signup.status, 200, 'the sample app answers');
  assert.match(signup.text, /<meta name="cairn-write-key" content="cwk_/, 'the sample app carries the write key');
  const sdk = await get(new URL('/sdk/cairn.js', sampleUrl).href);
  assert.equal(sdk.status, 200, 'the sample app serves the SDK');
  for (const url of [editorUrl, dashboardUrl]) {
    const page = await get(url);
    assert.equal(page.status, 200, `${url} answers`);
    assert.match(page.type, /text\/html/);
  }
  assert.equal((await get(`${collectorUrl}/healthz`)).status, 200);

  const call = await adminSession(collectorUrl, email, password);
  const { apps } = await call('GET', '/api/apps');
  assert.equal(apps.length, 1, 'one demo app');
  const { guides } = await call('GET', `/api/apps/${apps[0].id}/guides`);
  const catalog = await call('GET', `/api/apps/${apps[0].id}/catalog`);
  return { email, password, appId: apps[0].id, guides: guides.length, events: catalog.events, ports: [
    Number(new URL(collectorUrl).port), Number(new URL(sampleUrl).port)] };
}

const dataParent = await mkdtemp(join(tmpdir(), 'cairn-demo-'));
const env = {
  CAIRN_DATA_DIR: join(dataParent, 'data'),
  CAIRN_PORT: String(await freePort()),
  CAIRN_SAMPLE_PORT: String(await freePort()),
  CAIRN_SEED_USERS: String(SEED_USERS),
};
let demo;
try {
  await refusesTakenPort(env, 'CAIRN_PORT');
  await refusesTakenPort(env, 'CAIRN_SAMPLE_PORT');
  await refusesBadPort(env, 'CAIRN_PORT', 'abc');
  await refusesBadPort(env, 'CAIRN_SAMPLE_PORT', '99999');
  console.log('taken ports and bad port numbers: refused before building');

  demo = startDemo(env);
  const firstOutput = await demo.ready;
  const first = await checkRunning(firstOutput);
  // The demo keeps the password and prints it on every run: no "shown only once".
  assert.doesNotMatch(firstOutput, /shown only once/, 'the demo does not claim the password is shown only once');
  assert.match(firstOutput, /password is kept in .*admin\.txt and printed on every run/);
  const truth = JSON.parse(await readFile(join(env.CAIRN_DATA_DIR, 'seed.json'), 'utf8'));
  assert.equal(truth.people, SEED_USERS);
  assert.ok(first.guides >= 5, `the sample guides are loaded (${first.guides})`);
  assert.ok(first.events >= truth.ingest.stored && truth.ingest.stored > 0,
    `the seeded events are stored (${first.events} ≥ ${truth.ingest.stored})`);
  const firstStop = await demo.pressCtrlC();
  assert.match(demo.output(), /demo: stopping/);
  for (const port of first.ports) assert.ok(await portIsClosed(port), `port ${port} is free after Ctrl-C`);
  console.log(`first run: ${first.guides} guides, ${first.events} events; Ctrl-C → ${firstStop.code ?? firstStop.signal}`);

  // A second run days later: the seed still ends on the first run's day, so
  // the dashboard's default ranges would show none of it; the printed link
  // opens on the seeded days instead.
  const seedEndFile = join(env.CAIRN_DATA_DIR, 'seed-end.txt');
  const seedEnd = new Date(Date.parse((await readFile(seedEndFile, 'utf8')).trim()) - 10 * DAY_MS);
  await writeFile(seedEndFile, `${seedEnd.toISOString().slice(0, 19)}Z\n`);
  demo = startDemo(env);
  const secondOutput = await demo.ready;
  const day = (ms) => new Date(ms).toISOString().slice(0, 10);
  assert.equal(new URL(printed(secondOutput, 'dashboard:')).search, `?from=${day(seedEnd - 28 * DAY_MS)}&to=${day(seedEnd.getTime())}`,
    'a later run links the dashboard to the seeded days');
  assert.match(secondOutput, /10 days old: the dashboard link opens on the seeded days/);
  const second = await checkRunning(secondOutput);
  assert.doesNotMatch(secondOutput, /demo: seeding/, 'the second run does not seed again');
  assert.equal(second.password, first.password, 'the second run keeps the admin account');
  assert.equal(second.appId, first.appId, 'the second run keeps the app');
  assert.equal(second.guides, first.guides, 'the second run does not duplicate guides');
  assert.equal(second.events, first.events, 'the second run keeps the events and adds none');
  await demo.pressCtrlC();
  for (const port of second.ports) assert.ok(await portIsClosed(port), `port ${port} is free after Ctrl-C`);
  console.log('demo command: ok (two runs, data reused, Ctrl-C stops everything)');
} finally {
  demo?.kill();
  await rm(dataParent, { recursive: true, force: true });
}
