// A value to JSON text with a small writer, for the WASM build where code size
// is the budget (Boost's serializer, a resumable state machine, plus Ryu cost
// ~4 KB gzip). Its text parses back to an equal value (compact_writer_test.cpp
// checks it against Boost) and is byte-identical to boost::json::serialize's
// except for doubles: their digits come from `format_double` (in the browser
// JavaScript's String(number), the shortest round trip), so 1.5 is "1.5" where
// Boost writes "1.5E0". Non-finite doubles are written as Boost writes them
// (NaN, Infinity, -Infinity; not JSON, as with Boost); -0 is "-0.0".
#pragma once

#include <boost/json/value.hpp>

#include <cstdint>
#include <string>

namespace cairn::json {

// Writes the shortest round-trip digits of a finite, non-zero `value` into
// `out` (at most `capacity` bytes, no terminator) and returns their length, or
// -1 when they do not fit.
using DoubleFormatter = int (*)(double value, char* out, int capacity);

std::string write_compact(const boost::json::value& value, DoubleFormatter format_double);

// `n` in decimal ("-12"): the core's one integer-to-text conversion (problem
// reasons, selectors, keys) instead of std::to_string, whose overload per
// integer width each linked its own digit code into the WASM. Every count,
// size and limit the core prints fits an int64_t. Appended to `out` (which it
// returns), or as a string of its own.
std::string& append_integer(std::string& out, std::int64_t n);
std::string integer_text(std::int64_t n);

}  // namespace cairn::json
