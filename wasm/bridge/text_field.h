// text_or_empty(): a string field of an adapter input, or "" when it is absent
// or unusable (the reader has then recorded the problem, if the field was
// required). The bridges read ~30 such fields; one out-of-line function
// instead of optional<string>::value_or inlined at each (bench/sdk).
#pragma once

#include "json/reader.h"

#include <cstddef>
#include <string>

namespace cairn::wasm {

[[gnu::noinline]] inline std::string text_or_empty(
    json::ObjectReader& reader, const char* key, json::Need need = json::Need::optional,
    std::size_t max_bytes = json::kDefaultMaxStringBytes) {
  return reader.string(key, need, max_bytes).value_or("");
}

}  // namespace cairn::wasm
