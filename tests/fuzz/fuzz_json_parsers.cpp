// libFuzzer target, differential: the WASM build's JSON parser (parse_compact)
// must accept exactly the texts Boost's parser (parse_with_boost, the native
// build's) accepts, at any depth limit; values are compared by
// sdk/json/compact_parser_test.cpp. Seeds: corpus/json_parsers/ (any JSON).
#include "json/boost_parser.h"
#include "json/compact_parser.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::size_t max_depth = data[0] % 40;  // The first byte picks the depth limit.
  std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
  cairn::json::Problems compact_problems, boost_problems;
  const bool compact = cairn::json::parse_compact(text, compact_problems, max_depth).has_value();
  const bool boost = cairn::json::parse_with_boost(text, boost_problems, max_depth).has_value();
  if (compact != boost) std::abort();
  if (compact_problems.empty() != compact) std::abort();  // Refused without a reason.
  return 0;
}
