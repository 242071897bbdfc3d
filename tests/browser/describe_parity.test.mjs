// A click's autocapture describes one element without walking the page
// (wasm/src/platform/element_in_walk.ts). Its descriptor must be exactly the
// one the page walk gives the same element, or a fingerprint captured from a
// click would not match the candidates measured later: compared here for every
// element of pages with shadow roots, a same-origin iframe, masked parts,
// labels, svg, skipped elements, headings and look-alike rows.
import { assert, withBrowser } from './harness.mjs';

const TRICKY = `
  <header><h1>Acme</h1><nav><a href="/a">Home</a> <a href="/b">Docs</a></nav></header>
  <main>
    <h2></h2>
    <p>After an empty heading <b>bold</b> tail text</p>
    <section data-cairn-mask><h3>Masked part</h3><span>Secret</span><input name="card" aria-label="Card"></section>
    <label>Email <input id="email" type="email"></label>
    <label for="pw">Password</label><input id="pw" type="password">
    <div role="heading">Role heading</div>
    <svg width="10" height="10" role="img" aria-label="Logo"><title>Logo</title><circle r="4"></circle></svg>
    <template><button>Never walked</button></template>
    <script>/* skipped */</script>
    <table><tbody>${Array.from({ length: 12 }, (_, i) => `<tr><td>Row ${i}</td><td><button>Edit</button></td></tr>`).join('')}</tbody></table>
    <div id="host"><span>light child</span><p>light p</p></div>
    <div id="closed-host"></div>
    <ul>${Array.from({ length: 70 }, (_, i) => `<li>item ${i}</li>`).join('')}</ul>
  </main>
  <footer><small>Footer text</small></footer>`;

await withBrowser('browser: describe parity', { timeoutMs: 120000 }, async ({ app, newPage }) => {
  const page = await newPage();
  const check = async (label, step = 1) => {
    await page.addScriptTag({ url: `${app}/test/describe_parity.js` });
    const { compared, differences } = await page.evaluate((s) => window.CairnDescribeParity.compare(s), step);
    const shown = differences.slice(0, 3).map(([i, want, got]) => `#${i}\n  walk: ${want}\n  one:  ${got}`).join('\n');
    assert(differences.length === 0, `${label}: ${differences.length} of ${compared} descriptors differ from the walk's:\n${shown}`);
    assert(compared > 5, `${label}: only ${compared} elements compared`);
    return compared;
  };

  let total = 0;
  for (const path of ['/', '/projects/new', '/signup.html', '/pages/editor-targets.html', '/pages/privacy.html']) {
    await page.goto(`${app}${path}`);
    await page.waitForLoadState('load');
    total += await check(path);
  }

  // Shadow roots (open and nested; a closed one is not walked) and a same-origin iframe.
  await page.goto(`${app}/pages/sdk-nested.html`);
  await page.waitForFunction(() => document.querySelector('#frame')?.contentDocument?.body?.childElementCount > 0);
  await page.waitForFunction(() => document.querySelector('#card')?.shadowRoot);
  total += await check('sdk-nested.html');

  await page.goto(`${app}/pages/sdk-blank.html`);
  await page.evaluate((html) => {
    document.body.insertAdjacentHTML('beforeend', html);
    const host = document.querySelector('#host');
    const root = host.attachShadow({ mode: 'open' });
    root.innerHTML = '<p>shadow p first</p><h4>Shadow heading</h4><span>shadow span</span><div id="inner-host"></div><slot></slot>';
    root.querySelector('#inner-host').attachShadow({ mode: 'open' }).innerHTML = '<button>Deep</button>';
    document.querySelector('#closed-host').attachShadow({ mode: 'closed' }).innerHTML = '<button>Closed</button>';
  }, TRICKY);
  total += await check('tricky page');

  // The 9,000-element page, every 11th element.
  await page.goto(`${app}/pages/big.html`);
  await page.waitForFunction(() => document.querySelectorAll('*').length > 5000);
  total += await check('big.html', 11);
  console.log(`describe parity: ${total} elements, each described alike`);
});
