// One clicked element's description (describeElement(), what autocapture
// runs in the click's task) on tests/browser/pages/big.html, which has 9,008
// elements and no heading: the search back for the nearest heading goes
// through everything before the element. For the SDK in build/wasm/wasm/dist
// and a peer build, interleaved page by page in the same run: row 0's, row
// 500's and row 999's Edit button, the first call in a fresh page (cold code,
// as a first click is) and the mean of 20 more; `--textless` empties every
// cell first, so the neighbours' search (texts around the element) has
// nothing to find either. Medians of --runs pages.
//   node bench/sdk/describe_cost.mjs --peer DIR [--sdk DIR] [--runs N] [--cpu-throttle N] [--textless]
// DIR is a dist directory; its test bundle (../test/describe_parity.js) is what runs.
import { chromium } from 'playwright-core';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startStaticServer } from '../../tests/browser/servers.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
let options;
try {
  ({ values: options } = parseArgs({ options: {
    sdk: { type: 'string' }, peer: { type: 'string' }, runs: { type: 'string' }, 'cpu-throttle': { type: 'string' }, textless: { type: 'boolean' },
  } }));
} catch (e) {
  console.error(`describe_cost: ${e.message}`);
  process.exit(1);
}
const builds = [['cairn', resolve(options.sdk ?? join(root, 'build/wasm/wasm/dist'))]];
if (options.peer) builds.push(['peer', resolve(options.peer)]);
const runs = Math.max(1, Number(options.runs ?? 5) || 5);
const throttle = Number(options['cpu-throttle'] ?? 1);
const textless = options.textless === true;
if (!(throttle >= 1 && throttle <= 20)) {
  console.error('describe_cost: --cpu-throttle must be a number from 1 to 20 (1 = no throttling)');
  process.exit(1);
}
for (const [, dir] of builds) {
  if (!existsSync(join(dir, '../test/describe_parity.js'))) {
    console.error(`describe_cost: ${dir}/../test/describe_parity.js missing; run scripts/build-wasm first`);
    process.exit(1);
  }
}

const mounts = { '/pages/': join(root, 'tests/browser/pages'), '/sdk/': builds[0][1] };
builds.forEach(([name, dir]) => { mounts[`/${name}/`] = join(dir, '../test'); });
const app = await startStaticServer(mounts);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true,
  args: ['--no-sandbox', '--disable-background-networking', '--disable-gpu'] });
const rows = [0, 500, 999];
const samples = {};  // `${build} ${row} cold|warm` → ms
try {
  for (let run = 0; run < runs; run++) {
    for (const row of rows) {
      for (const [name] of builds) {
        const page = await browser.newPage();
        await page.goto(`${app.url}/pages/big.html`);
        await page.waitForFunction(() => document.querySelectorAll('*').length > 5000);
        await page.addScriptTag({ url: `${app.url}/${name}/describe_parity.js` });
        if (textless) await page.evaluate(() => { for (const c of document.querySelectorAll('.cell')) c.textContent = ''; });
        if (throttle > 1) await (await page.context().newCDPSession(page)).send('Emulation.setCPUThrottlingRate', { rate: throttle });
        const [cold, warm] = await page.evaluate((selector) => {
          document.body.offsetHeight;  // Layout done before, not inside, the first call.
          return [window.CairnDescribeParity.timeOne(selector, 1), window.CairnDescribeParity.timeOne(selector, 20)];
        }, `[data-testid="edit-${row}"]`);
        (samples[`${name} ${row} cold`] ??= []).push(cold);
        (samples[`${name} ${row} warm`] ??= []).push(warm);
        await page.close();
      }
    }
  }
} finally {
  await browser.close();
  await app.close();
}

const median = (a) => [...a].sort((x, y) => x - y)[a.length >> 1];
console.log(`describeElement() on big.html${textless ? ' without text' : ''}; runs: ${runs} (medians); CPU throttling: ${throttle}x`);
console.log(`${'element, call'.padEnd(28)}${builds.map(([n]) => n.padStart(10)).join('')}${builds.length > 1 ? ' cairn/peer' : ''}`);
for (const row of rows) {
  for (const kind of ['cold', 'warm']) {
    const values = builds.map(([name]) => median(samples[`${name} ${row} ${kind}`]));
    const ratio = values.length > 1 ? `${(values[0] / values[1]).toFixed(2)}x`.padStart(11) : '';
    console.log(`${`row ${row}'s Edit, ${kind === 'cold' ? 'first call' : 'later calls'}`.padEnd(28)}${values.map((v) => `${v.toFixed(2)} ms`.padStart(10)).join('')}${ratio}`);
  }
}
