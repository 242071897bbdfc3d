// Where the WASM core's bytes go: relinks cairn_core with --profiling-funcs
// (function names kept, same code) into a temporary folder and sums code size
// per part of the core, raw and gzip -9 of each part alone, plus the data
// section. The parts' gzip sizes add up to about the whole file's.
//   node bench/sdk/size_breakdown.mjs [--top N]
//   CAIRN_WASM_BUILD_DIR=build/<dir> node bench/sdk/size_breakdown.mjs
// Needs a configured and built wasm preset tree (scripts/build-wasm).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const buildDir = resolve(root, process.env.CAIRN_WASM_BUILD_DIR || 'build/wasm');
const topIndex = process.argv.indexOf('--top');
const top = topIndex > 0 ? Number(process.argv[topIndex + 1]) : 15;

// Parts, first match wins, tested on the function's qualified name.
const PARTS = [
  ['Boost.JSON parser', /^boost::json::(basic_parser|detail::handler|stream_parser|parser|detail::utf8)/],
  ['Boost.JSON serializer + Ryu', /^boost::json::(serializer|serialize|detail::format|detail::ryu)/],
  ['Boost.JSON value/object/array/string', /^boost::json::/],
  ['Boost other', /^boost::/],
  ['bridge (wasm/bridge)', /^(cairn_|cairn::wasm::)/],
  ['session', /^cairn::session::/],
  ['guide codec + markdown', /^cairn::guide::/],
  ['recorder', /^cairn::recorder::/],
  ['locator', /^cairn::locator::/],
  ['event', /^cairn::event::/],
  ['rules + url', /^cairn::(rules|url)::/],
  ['JSON reader (sdk/json)', /^cairn::json::/],
  ['placement', /^cairn::placement::/],
  ['time', /^cairn::time::/],
  ['file-local helpers (mostly bridge)', /^\{anon\}::/],
  ['libc++ (with its templates on our types)', /^std::|^__cxxabiv1|^operator (new|delete)|^byn\$mgfn-shared\$std::/],
  ['other cairn', /cairn/],
  ['libc, malloc, runtime', /./],
];

function relinkWithNames(outDir) {
  const commands = execFileSync('ninja', ['-C', buildDir, '-t', 'commands', 'wasm/core/cairn_core.wasm'], { encoding: 'utf8' });
  const link = commands.trim().split('\n').pop();
  const emxx = link.split(' && ').find((part) => part.includes('em++') && part.includes('-o wasm/core/cairn_core.wasm'));
  if (!emxx) throw new Error(`size_breakdown: no em++ link command in ${buildDir}`);
  const profiled = emxx.replace('-o wasm/core/cairn_core.wasm', `--profiling-funcs -o ${join(outDir, 'core.wasm')}`);
  execFileSync('bash', ['-c', profiled], { cwd: buildDir, stdio: 'inherit', env: { ...process.env, NODE_PATH: '/usr/share/nodejs' } });
  return readFileSync(join(outDir, 'core.wasm'));
}

// Code bodies, data segments and function names of a wasm binary.
function readModule(buf) {
  let p = 8;
  const uleb = () => { let r = 0, s = 0, b; do { b = buf[p++]; r += (b & 0x7f) * 2 ** s; s += 7; } while (b & 0x80); return r; };
  let imported = 0; const bodies = []; const names = new Map(); let data = Buffer.alloc(0);
  while (p < buf.length) {
    const id = buf[p++]; const len = uleb(); const start = p;
    if (id === 2) {
      for (let n = uleb(); n > 0; n--) {
        for (let k = 0; k < 2; k++) { const l = uleb(); p += l; } // module and field names
        const kind = buf[p++];
        if (kind === 0) { uleb(); imported++; } else if (kind === 1) { p++; const f = uleb(); uleb(); if (f & 1) uleb(); }
        else if (kind === 2) { const f = uleb(); uleb(); if (f & 1) uleb(); } else { p += 2; }
      }
    } else if (id === 10) {
      for (let n = uleb(); n > 0; n--) { const l = uleb(); bodies.push(buf.subarray(p, p + l)); p += l; }
    } else if (id === 11) {
      data = buf.subarray(start, start + len);
    } else if (id === 0) {
      const nameLen = uleb(); const name = buf.toString('utf8', p, p + nameLen); p += nameLen;
      while (name === 'name' && p < start + len) {
        const sub = buf[p++]; const subLen = uleb(); const subStart = p;
        if (sub === 1) for (let n = uleb(); n > 0; n--) { const i = uleb(); const l = uleb(); names.set(i, buf.toString('utf8', p, p + l)); p += l; }
        p = subStart + subLen;
      }
    }
    p = start + len;
  }
  return { bodies, data, nameOf: (i) => names.get(i + imported) || `function ${i + imported}` };
}

// "char const* boost::json::basic_parser<...>::parse_escaped<true>(...)" -> "boost::json::basic_parser<...>::parse_escaped<true>"
function qualifiedName(full) {
  const text = full.replaceAll('(anonymous namespace)', '{anon}').replaceAll('decltype(auto)', 'decltype_auto');
  let depth = 0; let end = text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '<') depth++; else if (c === '>') depth--; else if (c === '(' && depth === 0) { end = i; break; }
  }
  const head = text.slice(0, end);
  depth = 0; let start = 0;
  for (let i = 0; i < head.length; i++) {
    const c = head[i];
    if (c === '<') depth++; else if (c === '>') depth--; else if (c === ' ' && depth === 0) start = i + 1;
  }
  return head.slice(start);
}

const tmp = mkdtempSync(join(tmpdir(), 'cairn-size-'));
try {
  const wasm = relinkWithNames(tmp);
  const { bodies, data, nameOf } = readModule(wasm);
  const parts = new Map(PARTS.map(([name]) => [name, { bodies: [], biggest: [] }]));
  bodies.forEach((body, i) => {
    const full = nameOf(i); const name = qualifiedName(full);
    const [part] = PARTS.find(([, re]) => re.test(name));
    parts.get(part).bodies.push(body);
    parts.get(part).biggest.push([body.length, full]);
  });
  const rows = [...parts].filter(([, v]) => v.bodies.length).map(([name, v]) => {
    const code = Buffer.concat(v.bodies);
    return { name, functions: v.bodies.length, raw: code.length, gzip: gzipSync(code, { level: 9 }).length };
  });
  rows.push({ name: 'data (strings, tables)', functions: 0, raw: data.length, gzip: gzipSync(data, { level: 9 }).length });
  rows.sort((a, b) => b.gzip - a.gzip);
  const kb = (n) => (n / 1024).toFixed(1).padStart(7);
  console.log('part'.padEnd(40) + 'functions'.padStart(10) + 'raw KB'.padStart(9) + 'gzip KB'.padStart(9));
  for (const r of rows) console.log(r.name.padEnd(40) + String(r.functions).padStart(10) + kb(r.raw).padStart(9) + kb(r.gzip).padStart(9));
  const sum = rows.reduce((s, r) => s + r.gzip, 0);
  console.log(`sum of parts ${kb(sum).trim()} KB gzip; the names-free cairn.wasm is ${kb(gzipSync(readFileSync(join(buildDir, 'wasm/core/cairn_core.wasm')), { level: 9 }).length).trim()} KB gzip`);
  const all = [...parts.values()].flatMap((v) => v.biggest).sort((a, b) => b[0] - a[0]).slice(0, top);
  console.log(`\nlargest ${top} functions (raw bytes; LTO inlines callees into them):`);
  for (const [size, full] of all) console.log(String(size).padStart(7) + '  ' + qualifiedName(full).slice(0, 110));
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
