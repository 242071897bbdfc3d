// The locator benchmark in a real browser: the Acme sample app's pages, measured
// by the SDK's own adapter in Debian's Chromium (real layout, real visibility),
// redesigned in place (redesigns.js), then every captured target looked up
// again by Cairn (`Cairn.debug.locate`), by the stored finder-style CSS
// selector, and by an absolute XPath taken at capture time.
// Complements the native corpus benchmark (../main.cpp) with descriptors the
// browser adapter really produces.
//   node bench/locator/browser/relocation.mjs [--verbose] [--write bench/locator/BROWSER.md]
//     [--dump-misses misses.json]   every Cairn miss as a cairn-locate request (its
//     fingerprint, the page's descriptors, the locale) plus where the target is, to
//     replay natively: jq '.[0]' misses.json | build/release/tools/locate/cairn-locate
import { chromium } from 'playwright-core';
import { existsSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startStaticServer } from '../../../samples/static_server.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../../..');
const dist = process.env.CAIRN_SDK_DIST ?? join(root, 'build/wasm/wasm/dist');
const verbose = process.argv.includes('--verbose');
const argAfter = (flag) => (process.argv.includes(flag) ? process.argv[process.argv.indexOf(flag) + 1] : null);
const writeTo = argAfter('--write');
const dumpTo = argAfter('--dump-misses');
const dumped = [];
if (!existsSync(join(dist, 'cairn.js'))) {
  console.error(`relocation.mjs: ${dist}/cairn.js missing; run scripts/build-wasm first`);
  process.exit(1);
}

const PAGES = ['/', '/projects', '/projects/new', '/settings', '/billing', '/signup.html'];
const REDESIGNS = ['class hashes', 'wrappers', 'siblings', 'text edit', 'translation', 'id change', 'tag swap', 'decoys',
  'responsive', 'deletion', 'combined', 'combined deletion', 'look-alike deletion'];
// Redesigns that remove every target: the only right answer is "not found".
const removesTargets = (redesign) => redesign.endsWith('deletion');
// Probes of a known limit, shown but kept out of the overall rows so those stay
// comparable between sessions (see "What remains" in the notes).
const PROBES = new Set(['look-alike deletion']);
const METHODS = ['cairn', 'finder CSS', 'absolute XPath'];
const TARGETS = 'a[href], button, input:not([type=hidden]), select, textarea, [role=button], summary';

// Sample content so list pages have repeated rows (the hard case for selectors).
const PROJECTS = ['Website relaunch', 'Mobile app', 'Q3 planning', 'Data warehouse', 'Support portal', 'Hiring 2027']
  .map((name, i) => ({ name, key: name.replace(/[^A-Z]/gi, '').slice(0, 4).toUpperCase() + i, visibility: i % 2 ? 'public' : 'private' }));
const USER = { id: 'u-bench', name: 'Dana', plan: 'team', role: 'admin', company_size: '11-50' };

const server = await startStaticServer({ '/sdk/': dist, '/bench/': here, '/': join(root, 'samples/acme') }, { spaFallback: { '/': 'index.html' } });
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true,
  args: ['--no-sandbox', '--disable-background-networking', '--disable-gpu', '--disable-component-update'] });
const counts = {};   // redesign -> method -> {correct, wrong, notFoundRight, notFoundWrong}
const latencies = [];
let targetsTotal = 0;
const deadline = Date.now() + 10 * 60 * 1000;

try {
  for (const [pageIndex, path] of PAGES.entries()) {
    for (const redesign of REDESIGNS) {
      if (Date.now() > deadline) throw new Error('benchmark ran over 10 minutes');
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      await context.addInitScript(({ projects, user }) => {
        // An unreachable collector: the benchmark needs the locator, not delivery.
        window.__cairnTest = { host: 'http://127.0.0.1:9' };
        localStorage.setItem('acme_projects', JSON.stringify(projects));
        localStorage.setItem('acme_user', JSON.stringify(user));
      }, { projects: PROJECTS, user: USER });
      const page = await context.newPage();
      await page.goto(server.url + path);
      await page.addScriptTag({ url: '/bench/redesigns.js' });
      await page.waitForFunction(() => window.Cairn?.debug?.core() != null, null, { timeout: 15000 });
      const captured = await page.evaluate((selector) => {
        const absoluteXPath = (el) => {
          const parts = [];
          for (let node = el; node && node.nodeType === 1; node = node.parentElement) {
            const same = node.parentElement ? Array.from(node.parentElement.children).filter((c) => c.localName === node.localName) : [node];
            parts.unshift(`${node.localName}[${same.indexOf(node) + 1}]`);
          }
          return '/' + parts.join('/');
        };
        const targets = Array.from(document.querySelectorAll(selector)).filter((el) => {
          const r = el.getBoundingClientRect();
          return r.width > 0 && r.height > 0 && !el.closest('[data-cairn-root]');
        });
        window.__bench = { targets, fingerprints: targets.map((el) => window.Cairn.debug.fingerprint(el)), xpaths: targets.map(absoluteXPath) };
        return targets.length;
      }, TARGETS);
      if (redesign === 'responsive') await page.setViewportSize({ width: 390, height: 844 });
      else await page.evaluate(({ name, seed }) => window.__cairnRedesigns[name](window.__bench.targets, window.__cairnRedesigns.rng(seed)),
        { name: redesign, seed: 1 + pageIndex * 31 + REDESIGNS.indexOf(redesign) });
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))));
      const outcome = await page.evaluate(({ expectGone, dump }) => {
        const { targets, fingerprints, xpaths } = window.__bench;
        const judge = (found, expected) => (expectGone
          ? (found ? 'wrong' : 'notFoundRight')
          : (found === expected ? 'correct' : found ? 'wrong' : 'notFoundWrong'));
        const rows = [];
        const times = [];
        const misses = [];
        const dumps = [];
        // The page as the adapter's walk sees it (document order, skipped tags left out).
        const pageElements = () => Array.from(document.body.querySelectorAll('*'))
          .filter((el) => !el.closest('[data-cairn-root], cairn-ui, script, style, template, noscript'));
        targets.forEach((expected, i) => {
          const fp = fingerprints[i];
          const start = performance.now();
          const byCairn = fp ? window.Cairn.debug.locate(fp) : null;
          times.push(performance.now() - start);
          let byCss = null;
          try { byCss = fp?.selectors?.css ? document.querySelector(fp.selectors.css) : null; } catch { byCss = null; }
          const byXPath = document.evaluate(xpaths[i], document, null, XPathResult.FIRST_ORDERED_NODE_TYPE, null).singleNodeValue;
          rows.push([judge(byCairn, expected), judge(byCss, expected), judge(byXPath, expected)]);
          if (rows.at(-1)[0] !== 'correct' && rows.at(-1)[0] !== 'notFoundRight') {
            misses.push(`${rows.at(-1)[0]}: <${expected.localName}${expected.id ? ' #' + expected.id : ''}> "${(expected.textContent || expected.getAttribute('placeholder') || '').trim().slice(0, 30)}"`);
            if (dump) {
              const els = pageElements();
              dumps.push({ miss: misses.at(-1), target: fp, expected: els.indexOf(expected), found: byCairn ? els.indexOf(byCairn) : -1,
                locale: document.documentElement.lang || navigator.language, candidates: els.map((el) => window.Cairn.debug.describe(el)) });
            }
          }
        });
        return { rows, times, misses, dumps };
      }, { expectGone: removesTargets(redesign), dump: dumpTo !== null });
      targetsTotal += captured;
      if (verbose) for (const miss of outcome.misses) console.log(`  cairn ${path} [${redesign}] ${miss}`);
      for (const d of outcome.dumps) dumped.push({ page: path, redesign, ...d });
      latencies.push(...outcome.times);
      for (const row of outcome.rows) {
        row.forEach((verdict, m) => {
          const bucket = ((counts[redesign] ??= {})[METHODS[m]] ??= { correct: 0, wrong: 0, notFoundRight: 0, notFoundWrong: 0 });
          bucket[verdict]++;
        });
      }
      await context.close();
    }
  }
} finally {
  await browser.close();
  await server.close();
}

const pct = (n, d) => (d ? `${(100 * n / d).toFixed(1)}%` : '–');
const lines = ['| redesign | method | correct | wrong element | correctly not found | wrongly not found | relocated | wrong |', '|---|---|---:|---:|---:|---:|---:|---:|'];
const overall = Object.fromEntries(METHODS.map((m) => [m, { correct: 0, wrong: 0, notFoundRight: 0, notFoundWrong: 0 }]));
for (const redesign of REDESIGNS) {
  for (const method of METHODS) {
    const c = counts[redesign][method];
    const all = c.correct + c.wrong + c.notFoundRight + c.notFoundWrong;
    const present = c.correct + c.wrong + c.notFoundWrong;
    lines.push(`| ${redesign} | ${method} | ${c.correct} | ${c.wrong} | ${c.notFoundRight} | ${c.notFoundWrong} | ${removesTargets(redesign) ? '–' : pct(c.correct, present)} | ${pct(c.wrong, all)} |`);
    if (!PROBES.has(redesign)) for (const k of Object.keys(c)) overall[method][k] += c[k];
  }
}
for (const method of METHODS) {
  const c = overall[method];
  const present = c.correct + c.wrong + c.notFoundWrong;
  lines.push(`| **overall** (without probes) | **${method}** | ${c.correct} | ${c.wrong} | ${c.notFoundRight} | ${c.notFoundWrong} | ${pct(c.correct, present)} | ${pct(c.wrong, c.correct + c.wrong + c.notFoundRight + c.notFoundWrong)} |`);
}
latencies.sort((a, b) => a - b);
const q = (p) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))].toFixed(2);
const summary = `${PAGES.length} pages × ${REDESIGNS.length} redesigns, ${targetsTotal} target lookups per method; ` +
  `Cairn.debug.locate in the page (measure every candidate + match): p50 ${q(0.5)} ms, p95 ${q(0.95)} ms, max ${q(1 - 1e-9)} ms.`;
const table = lines.join('\n');
console.log(table + '\n\n' + summary);

if (dumpTo) {
  writeFileSync(resolve(dumpTo), JSON.stringify(dumped));
  console.log(`${dumped.length} misses dumped to ${dumpTo}`);
}

if (writeTo) {
  writeFileSync(resolve(root, writeTo), `# Locator in the browser: the sample app, redesigned in place

Command: \`node bench/locator/browser/relocation.mjs --write bench/locator/BROWSER.md\`
(after \`scripts/build-wasm\`; Debian Chromium, headless, 1280×800).

${table}

${summary}

## How to read this

- Corpus: every visible link, button, form field and \`[role=button]\` on the Acme sample
  app's pages (${PAGES.join(', ')}), with six projects in the list. The descriptors
  and fingerprints are the ones the SDK itself produces (\`Cairn.debug.fingerprint\`: the
  adapter measures the page, the core builds the fingerprint), so this checks the
  adapter's measurements, not only the matcher.
- Redesigns (\`redesigns.js\`) mutate the live page the way releases do: generated class
  hashes, 1–2 wrapper divs, siblings reordered, labels reworded, a German translation,
  ids renamed, links turned into buttons (roles), a similar control added next to each
  target ("… draft"), a phone viewport, all targets deleted, a combination (class hashes,
  wrappers, renamed ids, reversed siblings, reworded labels), the combination with
  every target then deleted (no class name of the capture left: nothing to anchor on),
  and, as a probe outside the overall rows, every target replaced by its look-alike.
- Baselines get the same chance: the finder-style CSS selector Cairn stores in every
  fingerprint, and an absolute XPath taken at capture time.
- "relocated" = correct / targets still present; "wrong" = wrong element / all lookups.
  On **deletion** and **combined deletion** every answer other than "not found" is wrong.

## The combined redesign: why it missed, what changed

Before session 6 Cairn relocated 30 of the 46 combined targets (65.2%, below the CSS
selector's 69.6%), never a wrong one. \`--dump-misses FILE\` writes each miss with its
fingerprint and the page's descriptors as a \`cairn-locate\` request, to replay natively. All 16
misses (and the one "id change" miss) were \`not_convincing\`, none \`ambiguous\`: the
right element was the best candidate every time, ahead of the runner-up (its own
wrapper div, same text) by 0.08–0.45, at confidence 0.46–0.69 for a threshold of 0.7.
The signals that failed on every one: **classes** (1.5 of ~13–21 weight, similarity 0:
every class name on the page regenerated, the capture's stable ones included),
**id** (2.5, renamed \`invite-team\` → \`invite-team-css-252vx\`), text and name at
0.53–0.64 (a word added), position (siblings reversed) and neighbour texts (reworded
too). Two rules, neither keyed to this app:

- When not one of the capture's stable class names (its containers' or its own) is left
  anywhere on the page, the class names were regenerated; classes are then left out of
  the score and of the ancestor alignment instead of counting against every candidate.
  Judged only when the containers had stable classes, since a deleted element's own
  classes vanish with it while its containers' stay.
- An id that only gained a generated part (\`save-x\` → \`save-x-css-r4ji\`,
  \`x1y2z3-save-x\`) scores 0.7 of an id match; a worded addition (\`save-x-draft\`) does not.

Replaying the 17 dumped misses: the class rule alone recovers 11, the id rule alone 5,
both 17, at confidence 0.73–0.87; with each target then removed from its page, all 17
answer "not found" (best look-alike 0.12–0.65). **combined deletion** checks the same
in the browser.

## What remains: a look-alike in a deleted target's slot (probe)

A control that replaces a deleted one in its exact place with a label sharing its
words ("Save" → "Save draft") scores like the same control reworded ("Save" → "Save
now"): the same words added, the same slot, the same context. **look-alike deletion**
measures it: every target deleted and its "… draft" copy (\`decoys\` without the
original: id and test ids dropped, href kept) left in its place. Cairn refuses 37 of 46
and takes the look-alike 9 times (the finder CSS selector likewise 9); it is a probe
of this limit and is kept out of the overall rows (with it Cairn's overall would read
1.5% wrong). The 9 taken (the "Acme Projects" brand link on five pages, a "Cancel"
link, the three "Choose …" plan buttons, at 0.77–0.85 against runners-up of
0.26–0.55; replayed from \`--dump-misses\`) had neither an id nor a test id, and the
links' href survived in the copy. Without such a signal no rule over these signals can
refuse "Save draft" yet keep "Save now"; a step whose target has neither an id nor a
test id could be flagged by the editor when the guide is authored.

## Session 7: twins after a class rebuild

Rule 9 of docs/locator.md (twins — the best two alike in all that names them — must be
told apart by more than one neighbour text once the classes were dropped as
regenerated) changes nothing here: every row of the table is the same with main's SDK
build and with the rule, run in one session; no page of the sample app has twins whose
class names were all regenerated. It was written for the native benchmark's inbox,
where a deleted row's star was taken for another row's at 0.725 against 0.670.
`);
  console.log(`written to ${writeTo}`);
}
