// Decimal text to the nearest double (round half to even), without libc's
// strtod: in the WASM build strtod brings musl's long double arithmetic
// (~3.5 KB gzip of soft-float) for the few numbers that need it.
//
// The algorithm is "simple decimal conversion": keep up to 800 significant
// digits (with a flag for any non-zero digit beyond), scale by powers of two
// until the value is in [1/2, 1), then read off 53 bits. Exact because a
// double's halfway points need at most 767 significant digits. Slow
// (microseconds) but only used when the fast path of compact_parser.cpp fails.
#pragma once

#include <string_view>

namespace cairn::json {

// `number` is a JSON number (RFC 8259 grammar, already validated), whose
// exponent fits an int. Overflow gives +-infinity, underflow +-0.
double decimal_to_double(std::string_view number);

}  // namespace cairn::json
