// JSON text to a value with Boost.JSON's own (SIMD-friendly, resumable) parser:
// what parse_document uses in native builds, where the collector parses every
// ingested event with it. The WASM build uses compact_parser.h instead.
#pragma once

#include "json/problems.h"

#include <boost/json/value.hpp>

#include <cstddef>
#include <optional>
#include <string_view>

namespace cairn::json {

// Parses `text` as one JSON value nested at most `max_depth` levels. On failure
// adds one Problem at "" (see syntax_problem.h) and returns nullopt.
std::optional<boost::json::value> parse_with_boost(std::string_view text, Problems& problems,
                                                   std::size_t max_depth);

}  // namespace cairn::json
