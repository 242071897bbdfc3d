#include "bridge/bridge_buffer.h"

#include <emscripten/emscripten.h>

#include <cstdlib>
#include <utility>

namespace cairn::wasm {
namespace {
std::string& result() {
  static std::string text;
  return text;
}
}  // namespace

void set_result(std::string text) { result() = std::move(text); }

}  // namespace cairn::wasm

extern "C" {

// Memory JS fills with an input document; JS frees it with cairn_free().
EMSCRIPTEN_KEEPALIVE void* cairn_alloc(int size) {
  return std::malloc(size > 0 ? static_cast<std::size_t>(size) : 1);
}

EMSCRIPTEN_KEEPALIVE void cairn_free(void* data) { std::free(data); }

// The answer of the last call; valid until the next call into the core.
EMSCRIPTEN_KEEPALIVE const char* cairn_result_ptr() { return cairn::wasm::result().data(); }
EMSCRIPTEN_KEEPALIVE int cairn_result_len() {
  return static_cast<int>(cairn::wasm::result().size());
}

}  // extern "C"
