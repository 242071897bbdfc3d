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

#include <string>

namespace cairn::json {

// Writes the shortest round-trip digits of a finite, non-zero `value` into
// `out` (at most `capacity` bytes, no terminator) and returns their length, or
// -1 when they do not fit.
using DoubleFormatter = int (*)(double value, char* out, int capacity);

std::string write_compact(const boost::json::value& value, DoubleFormatter format_double);

}  // namespace cairn::json
