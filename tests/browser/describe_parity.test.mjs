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

// <stretch NAME ROWS>: ROWS heading-less rows (text in each, an empty span).
const HEADING_CORNERS = `
  <div id="nested-host"><span>light of nested host</span></div>
  <stretch a 120>
  <div id="light-heading-host"><h3>Light heading of a host</h3><span>light</span></div>
  <stretch b 20>
  <div id="ancestor-host"><span>light first</span><button>Light child of a host</button></div>
  <iframe id="frame-a"></iframe>
  <stretch c 20>
  <iframe id="frame-b"></iframe>
  <stretch d 10>
  <section data-cairn-mask><div><h3>Masked heading</h3></div><div id="masked-host"></div><p>masked text</p></section>
  <stretch e 20>
  <div><div><div role="heading">Role heading deep</div><span>beside</span></div></div>
  <noscript></noscript>
  <template><h2>In a template</h2></template>
  <svg id="unwalked-svg" width="8" height="8"><foreignObject width="8" height="8"><h2>In foreignObject</h2></foreignObject></svg>
  <math><mi>x</mi></math>
  <div id="our-ui"></div>
  <div id="closed"></div>
  <stretch f 20>
  <svg role="heading" width="8" height="8"><text>Chart title</text></svg>
  <stretch g 10>
  <h2>Wrapping heading <span><button>In a heading</button></span></h2>
  <div role="heading"><section><p>Inside a role heading</p><stretch h 10><button>Deep in a role heading</button></section></div>
  <div class="empty">${'<div><span></span><img alt=""><input></div>'.repeat(150)}</div>
  <button id="after-empty">After an empty stretch</button>
  <div class="empty">${'<div><b></b></div>'.repeat(150)}</div>
  <div data-cairn-mask>${'<span>masked</span>'.repeat(40)}</div>
  <p>Last text</p>`;

await withBrowser('browser: describe parity', {}, async ({ app, newPage }) => {
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

  // Where the heading search passes over whole subtrees (element_in_walk.ts):
  // headings only a descent finds (earlier shadow roots, nested ones, frames,
  // an iframe's own light child, masked parts, role=heading, an svg that is a
  // heading, a heading that wraps the element) after stretches without any,
  // headings the walk never visits (skipped tags, svg internals, another
  // namespace, a closed shadow root), and text-less stretches for neighbours.
  await page.goto(`${app}/pages/sdk-blank.html`);
  await page.evaluate(({ html, frameHtml }) => {
    const stretch = (name, rows) => Array.from({ length: rows }, (_, i) => `<div class="${name}"><span></span><i>${name} ${i}</i></div>`).join('');
    document.body.insertAdjacentHTML('beforeend', html.replace(/<stretch (\w+) (\d+)>/g, (_, name, rows) => stretch(name, Number(rows))));
    const shadow = (selector, inner, mode = 'open') => {
      const root = document.querySelector(selector).attachShadow({ mode });
      root.innerHTML = inner;
      return root;
    };
    shadow('#nested-host', '<p>shadow p</p><div id="inner"></div><p>after inner</p>')
      .querySelector('#inner').attachShadow({ mode: 'open' }).innerHTML = '<h4>Nested shadow heading</h4><i>deep</i>';
    shadow('#light-heading-host', '<slot></slot><p>shadow before the light heading</p>');
    shadow('#ancestor-host', '<h4>Shadow heading of the parent</h4><slot></slot>');
    shadow('#closed', '<h2>Closed heading</h2>', 'closed');
    shadow('#masked-host', '<h5>Shadow heading in a masked part</h5>');
    for (const id of ['frame-a', 'frame-b']) {
      const body = document.getElementById(id).contentDocument.body;
      body.innerHTML = frameHtml[id];
      body.querySelector('.frame-host')?.attachShadow({ mode: 'open' }).append(Object.assign(document.createElement('h6'), { textContent: 'Shadow heading in a frame' }));
    }
    document.getElementById('frame-b').append(Object.assign(document.createElement('h5'), { textContent: 'Light child of an iframe' }));
    // Headings the walk never visits.
    document.querySelector('noscript').append(Object.assign(document.createElement('h2'), { textContent: 'In noscript' }));
    document.querySelector('#unwalked-svg').append(document.createElementNS('http://www.w3.org/2000/svg', 'h1'));
    document.querySelector('math').append(Object.assign(document.createElement('h3'), { textContent: 'In MathML' }));
    document.querySelector('#our-ui').append(Object.assign(document.createElement('cairn-ui'), { innerHTML: '<h2>Ours</h2>' }));
  }, { html: HEADING_CORNERS, frameHtml: {
    'frame-a': '<h2>Frame heading</h2><p>frame text</p><div class="frame-host"></div>',
    'frame-b': '<p>frame b text</p><button>In frame b</button>',
  } });
  await page.waitForFunction(() => document.getElementById('frame-b').contentDocument.body.childElementCount === 2);
  total += await check('heading corners');
  // The corners are what they claim: each stretch gets the heading only a
  // descent finds (a wrapping role=heading's text is all of its text).
  const expected = { '.a i': 'Nested shadow heading', '.b i': 'Light heading of a host', '#ancestor-host button': 'Shadow heading of the parent',
    '.c i': 'Shadow heading in a frame', '.d i': 'Light child of an iframe', '.e i': 'Shadow heading in a masked part',
    '.f i': 'Role heading deep', '.g i': 'Chart title', 'h2 button': 'Wrapping heading In a heading', '.h i': 'Inside a role heading' };
  for (const [selector, heading] of Object.entries(expected)) {
    const got = await page.evaluate((s) => window.CairnDescribeParity.contextOf(s).heading, selector);
    assert(got?.startsWith(heading), `heading corners: ${selector} has heading ${JSON.stringify(got)}, not ${JSON.stringify(heading)}…`);
  }
  const { neighbors } = await page.evaluate(() => window.CairnDescribeParity.contextOf('#after-empty'));
  assert(neighbors?.[0] === 'Deep in a role heading' && neighbors?.[1] === 'Last text',
    `heading corners: neighbours across empty and masked stretches: ${JSON.stringify(neighbors)}`);

  // The 9,000-element page, every 11th element.
  await page.goto(`${app}/pages/big.html`);
  await page.waitForFunction(() => document.querySelectorAll('*').length > 5000);
  total += await check('big.html', 11);
  console.log(`describe parity: ${total} elements, each described alike`);
});
