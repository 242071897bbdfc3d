// The byte channel between JavaScript and the WASM core.
//
// Every exported call takes one UTF-8 JSON document and answers with one. JS
// copies its input into a buffer from cairn_alloc(), calls the export with
// (pointer, length), and reads the answer through cairn_result_ptr() /
// cairn_result_len(). Plain C functions over linear memory need no embind and
// so no eval: a page with `script-src 'self' 'wasm-unsafe-eval'` can load us.
//
// Threading: the browser calls us from one thread (the main thread or one
// worker); the result buffer is a single global and is overwritten by the next
// call, so JS must read it before calling again.
#pragma once

#include <string>
#include <string_view>

namespace cairn::wasm {

// Replaces the result JS will read next.
void set_result(std::string text);

// The input a JS caller passed as (pointer, length).
inline std::string_view input(const char* data, int length) {
  if (data == nullptr || length <= 0) return {};
  return {data, static_cast<std::size_t>(length)};
}

}  // namespace cairn::wasm
