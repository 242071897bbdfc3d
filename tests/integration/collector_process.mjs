// What a node integration test does around its checks, with the real
// cairn-collector: refuse a missing binary, make a temp data dir, run the CLI
// in it, start `serve` on 127.0.0.1 (a port the OS picks), kill everything
// and fail after a time limit, and at the end stop the collector (SIGTERM,
// waiting for its exit), remove the data dir and print the closing line.
// The C++ tests' counterpart is ingest/collector_process.h.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

// timeoutMs: a little under the TIMEOUT of 240 s CTest gives the tests that use
// this (their CMakeLists.txt), so a test still past it stops its collector; a
// loaded CI machine takes many times a quiet one's ~8-15 s.
export function collectorTest(name, binary, { timeoutMs = 230000 } = {}) {
  if (!existsSync(binary)) {
    console.error(`${name}: FAILED: no collector at ${binary} (build the cairn-collector target)`);
    process.exit(1);
  }
  const began = Date.now();
  const dataDir = mkdtempSync(join(tmpdir(), 'cairn-node-test-'));
  let child = null;
  const timer = setTimeout(() => {
    console.error(`${name}: FAILED: timed out after ${timeoutMs / 1000} s`);
    child?.kill('SIGKILL');
    process.exit(2);
  }, timeoutMs);
  return {
    dataDir,
    seconds: () => ((Date.now() - began) / 1000).toFixed(1),
    // A CLI command's "key value" output lines as an object (create-admin, create-app).
    cli(...args) {
      const text = execFileSync(binary, [...args, '--data-dir', dataDir], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
      return Object.fromEntries(text.trim().split('\n').map((l) => l.trim().split(/\s+/)).map(([k, v]) => [k, v]));
    },
    // Starts `serve`; resolves to its base URL once it says "listening".
    async serve(extraArgs = []) {
      child = spawn(binary, ['serve', '--data-dir', dataDir, '--port', '0', '--listen', '127.0.0.1', '--log-level', 'warn', ...extraArgs],
        { stdio: ['ignore', 'pipe', 'inherit'] });
      const line = await new Promise((ok, fail) => {
        const wait = setTimeout(() => fail(new Error('the collector did not say "listening" within 10 s')), 10000);
        child.on('exit', (code) => fail(new Error(`the collector exited with ${code}`)));
        createInterface({ input: child.stdout }).once('line', (l) => { clearTimeout(wait); ok(l); });
      });
      const port = Number(line.split(':').pop());
      if (!line.startsWith('listening ') || !port) throw new Error(`unexpected first line: ${line}`);
      return `http://127.0.0.1:${port}`;
    },
    // Stops and cleans up, prints "passed" or every failure, and exits 1 on failure.
    async finish(failures) {
      clearTimeout(timer);
      if (child && child.exitCode === null) {
        child.kill('SIGTERM');
        await new Promise((r) => (child.exitCode !== null ? r() : child.once('exit', r)));
      }
      rmSync(dataDir, { recursive: true, force: true });
      if (failures.length) {
        const shown = failures.slice(0, 20).join('\n  ');
        console.error(`${name}: FAILED:\n  ${shown}${failures.length > 20 ? `\n  ... and ${failures.length - 20} more` : ''}`);
        process.exit(1);
      }
      console.log(`${name}: passed`);
    },
  };
}
