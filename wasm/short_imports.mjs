// Renames cairn.wasm's imports to one-letter names in a WebAssembly text
// module (wasm-dis output): the names ship twice, in the wasm and in the
// loader's import object (src/core/core_module.ts, coreImports), and nothing
// else sees them. −86 B gzip on cairn.wasm and −46 B on cairn.js
// (bench/sdk/RESULTS.md, "Session 14: size"). An import not in the table fails
// the build here, so a new one gets a name in both places; a name the loader
// does not give fails build.mjs's load check.
//
//   node wasm/short_imports.mjs module.wat     (rewrites the file)
import { readFileSync, writeFileSync } from 'node:fs';

// "module field" as emcc links them -> [module, field] in the shipped wasm.
const SHORT = {
  'env emscripten_notify_memory_growth': ['a', 'g'],
  'env cairn_format_double': ['a', 'd'],
  'wasi_snapshot_preview1 proc_exit': ['a', 'x'],
};

const file = process.argv[2];
const text = readFileSync(file, 'utf8').replace(/^ \(import "([^"]*)" "([^"]*)"/gm, (line, module, field) => {
  const short = SHORT[`${module} ${field}`];
  if (!short) throw new Error(`short_imports: ${file} imports ${module}.${field}; give it a short name here and in core_module.ts`);
  return ` (import "${short[0]}" "${short[1]}"`;
});
writeFileSync(file, text);
