// Cuts cairn.wasm's interface to what its loader (src/core/core_module.ts)
// uses, in a WebAssembly text module (wasm-dis output), before the post pass:
// - the imports get one-letter names: the names ship twice, in the wasm and in
//   the loader's import object (coreImports), and nothing else sees them;
// - Emscripten's runtime exports for its JS glue, which is not shipped
//   (stackSave, stackRestore, stackAlloc, __errno_location and the function
//   table), are no longer exported, so the post pass drops the functions too.
// −86 + −107 B gzip on cairn.wasm, −46 B on cairn.js (bench/sdk/RESULTS.md,
// "Session 14: size"). An import or export not listed here fails the build,
// so a new one is named here and in the loader; a name the loader does not
// give fails build.mjs's load check.
//
//   node wasm/loader_interface.mjs module.wat     (rewrites the file)
import { readFileSync, writeFileSync } from 'node:fs';

// "module field" as emcc links them -> [module, field] in the shipped wasm.
const SHORT_IMPORTS = {
  'env emscripten_notify_memory_growth': ['a', 'g'],
  'env cairn_format_double': ['a', 'd'],
  'wasi_snapshot_preview1 proc_exit': ['a', 'x'],
};
// The loader calls the cairn_* exports, `_initialize` and reads `memory`.
const KEPT_EXPORT = /^(cairn_\w+|_initialize|memory)$/;
const GLUE_EXPORTS = new Set(['stackSave', 'stackRestore', 'stackAlloc', '__errno_location', '__indirect_function_table']);

const file = process.argv[2];
const fail = (what) => { throw new Error(`loader_interface: ${file} ${what}; name it in wasm/loader_interface.mjs`); };
const text = readFileSync(file, 'utf8')
  .replace(/^ \(import "([^"]*)" "([^"]*)"/gm, (line, module, field) => {
    const short = SHORT_IMPORTS[`${module} ${field}`] || fail(`imports ${module}.${field}`);
    return ` (import "${short[0]}" "${short[1]}"`;
  })
  .replace(/^ \(export "([^"]*)" .*\n/gm, (line, name) => {
    if (KEPT_EXPORT.test(name)) return line;
    return GLUE_EXPORTS.has(name) ? '' : fail(`exports ${name}`);
  });
writeFileSync(file, text);
