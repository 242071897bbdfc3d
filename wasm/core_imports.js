// The functions cairn.wasm imports from its loader (src/core/core_module.ts),
// declared to Emscripten's linker so that every other undefined symbol still
// fails the link. The bodies are never used: no Emscripten JS is shipped.
mergeInto(LibraryManager.library, {
  // sdk/json/writer.cpp: a double as JSON text (JavaScript's String(number)).
  cairn_format_double: function (value, out, capacity) { return -1; },
  cairn_format_double__sig: 'idii',
});
