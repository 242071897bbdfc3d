// Writes the seed corpus of fuzz_packed_candidates (tests/fuzz/corpus/packed_candidates/)
// with the adapter's own packer, so the seeds and the decoder test's fixture
// (form_request.bin, sdk/locator/packed_candidates_test.cpp) are what the browser sends:
//   node_modules/.bin/esbuild tests/fuzz/packed_candidates_seeds.ts --bundle --platform=node \
//     --format=esm --outfile=/tmp/seeds.mjs && node /tmp/seeds.mjs tests/fuzz/corpus/packed_candidates
import { CandidatePacker } from '../../wasm/src/platform/candidate_pack';
import { writeFileSync, mkdirSync } from 'node:fs';
const out = process.argv[2]!;
mkdirSync(out, { recursive: true });
const save = (name: string, bytes: Uint8Array) => writeFileSync(`${out}/${name}`, bytes);

// A form page: main > form > (label, input, button), with a frame context.
const form = new CandidatePacker();
form.addContext([{ tag: 'IFRAME', id: 'app', classes: ['embed'], index: 1 }, { tag: 'body', index: 0 }]);
form.add({ tag: 'MAIN', role: 'main', rect: { x: 0, y: 0, width: 1280, height: 900 } }, -1);
form.add({ tag: 'form', id: 'signup', classes: ['form', 'css-1x2y3z'], index: 0 }, 0);
form.add({ tag: 'label', text: 'E-mail', attributes: { for: 'email' } }, 1);
form.add({ tag: 'input', id: 'email', name: 'E-mail', label: 'E-mail', attributes: { type: 'email', 'data-testid': 'email' },
  rect: { x: 10.5, y: 20, width: 300, height: 32 }, neighbors: ['E-mail', 'Sign up'], index: 1 }, 1);
form.add({ tag: 'button', text: 'Sign up — jetzt', role: 'button', classes: ['btn', 'btn-primary'], heading: 'Konto',
  rect: { x: 10, y: 60, width: 120, height: 36 }, visible: false, index: 2 }, 1);
save('form_page.bin', form.page());
save('form_request.bin', form.request({ locale: 'de-DE' }));

// An empty page and a one-element page.
save('empty_page.bin', new CandidatePacker().page());
const one = new CandidatePacker();
one.add({ tag: 'div', text: '日本語のテキスト', classes: ['a', 'a', 'b'] }, -1);
save('one_element.bin', one.page());

// A deep chain and a wide list (twins sharing strings).
const deep = new CandidatePacker();
for (let i = 0; i < 40; i++) deep.add({ tag: 'div', classes: ['level'], index: i % 3 }, i - 1);
save('deep_chain.bin', deep.page());
const wide = new CandidatePacker();
wide.add({ tag: 'table' }, -1);
for (let i = 0; i < 30; i++) wide.add({ tag: 'button', text: 'Edit', attributes: { 'aria-label': `Edit row ${i}` }, index: i }, 0);
save('twins.bin', wide.request({ locale: 'en' }));
