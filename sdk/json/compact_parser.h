// JSON text to a value with a small recursive-descent parser, for the WASM
// build where code size is the budget (Boost's parser instantiates each of its
// functions twice, for fresh and resumed input, and ships 5 KB of pow10 tables).
//
// It builds the same boost::json::value as parse_with_boost (boost_parser.h) and
// accepts and refuses the same texts: strict RFC 8259 (no comments, trailing
// commas, NaN, leading zeros or BOM), UTF-8 checked in strings and keys, lone
// UTF-16 surrogates refused, a repeated key keeps its first place and its last
// value, integers are int64, else uint64, else double, exactly where Boost
// switches. Differences, on purpose: doubles here are correctly rounded (Boost
// 1.81's are within 2 ULPs, compact_parser_test.cpp measures it), 0e400 is 0
// (Boost: NaN), and some error offsets and reasons are more precise.
//
// Recursion is bounded by max_depth, memory by the text's size, time is linear.
// Thread-safe: no shared state, no locale.
#pragma once

#include "json/problems.h"

#include <boost/json/value.hpp>

#include <cstddef>
#include <optional>
#include <string_view>

namespace cairn::json {

// Parses `text` as one JSON value nested at most `max_depth` levels. On failure
// adds one Problem at "" (see syntax_problem.h) and returns nullopt.
std::optional<boost::json::value> parse_compact(std::string_view text, Problems& problems,
                                                std::size_t max_depth);

}  // namespace cairn::json
