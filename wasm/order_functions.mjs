// Orders the functions of a WebAssembly text module (wasm-dis output) so that
// functions alike sit side by side, for gzip: by size first (in steps of
// LINES_PER_STEP lines of text), then by signature and locals, then by size
// within the step. The HOT_FUNCTIONS most called come first, ordered the same
// way among themselves, so their calls keep one-byte indexes. Nothing else
// changes: a function's place in the code section is not part of its meaning
// (calls, the table and exports name functions, and wasm-opt renumbers them).
//
// gzip finds repeats only within its last 32 KB, and cairn.wasm's code is
// ~180 KB in LLVM's order, where a vector's destructor for one type sits far
// from the same destructor for another. Grouped like this, the small helpers
// and the instantiations of one template meet: -2.1 KB gzip
// (bench/sdk/RESULTS.md, "Session 13: size").
//
//   node wasm/order_functions.mjs module.wat     (rewrites the file)
import { readFileSync, writeFileSync } from 'node:fs';

// 80 since session 14 (with loader_interface.mjs and -aimfs 4 in the post
// pass): 60 / 70 / 75 / 80 / 85 / 90 / 100 lines gave 86,695 / 86,760 /
// 86,709 / 86,630 / 86,654 / 86,645 / 86,715 B gzip; the best step moves by
// tens of bytes as the code changes (bench/sdk/RESULTS.md, "Session 14: size").
const LINES_PER_STEP = 80;
const HOT_FUNCTIONS = 40;

const file = process.argv[2];
const lines = readFileSync(file, 'utf8').split('\n');
// wasm-dis prints one top-level field per line at one space of indent, the
// functions last, one after the other, then the module's closing parenthesis.
const first = lines.findIndex((line) => line.startsWith(' (func '));
if (first < 0) throw new Error(`order_functions: no function in ${file}`);
const functions = [];
let end = first;
while (end < lines.length && (lines[end].startsWith(' (func ') || lines[end].startsWith('  ') || lines[end] === ' )')) {
  if (lines[end].startsWith(' (func ')) functions.push([]);
  functions[functions.length - 1].push(lines[end]);
  end++;
}
if (lines.slice(end).some((line) => line.startsWith(' ('))) {
  throw new Error(`order_functions: ${file} has module fields after its functions; not wasm-dis output?`);
}

const calls = new Map();
for (const line of lines) {
  const callee = line.match(/\(call (\S+)/)?.[1];
  if (callee) calls.set(callee, (calls.get(callee) || 0) + 1);
}
// The function's type and locals, without its own name.
const shape = (f) => [f[0].replace(/^ \(func \S+/, ''), ...f.slice(1).filter((l) => l.trimStart().startsWith('(local '))].join('\n');
const keyed = functions.map((f) => ({
  f, calls: calls.get(f[0].match(/^ \(func (\S+)/)[1]) || 0, step: Math.floor(f.length / LINES_PER_STEP), shape: shape(f),
}));
// Array.prototype.sort is stable: ties keep the order they came in.
const hot = new Set([...keyed].sort((a, b) => b.calls - a.calls).slice(0, HOT_FUNCTIONS));
const alike = (a, b) => a.step - b.step || (a.shape < b.shape ? -1 : a.shape > b.shape ? 1 : 0) || a.f.length - b.f.length;
const ordered = [...keyed.filter((k) => hot.has(k)).sort(alike), ...keyed.filter((k) => !hot.has(k)).sort(alike)];

writeFileSync(file, [...lines.slice(0, first), ...ordered.flatMap((k) => k.f), ...lines.slice(end)].join('\n'));
