// Test support: compresses a request body the way an HTTP client would, so the
// ingest tests (unit and integration) can send gzip and deflate bodies.
#pragma once

#include <catch2/catch.hpp>
#include <zlib.h>

#include <string>

namespace cairn::testing {

// window_bits 31 = gzip wrapper (Content-Encoding: gzip), 15 = zlib wrapper
// (HTTP "deflate").
inline std::string deflate_body(const std::string& in, int window_bits = 31) {
  z_stream z{};
  REQUIRE(deflateInit2(&z, 6, Z_DEFLATED, window_bits, 8, Z_DEFAULT_STRATEGY) == Z_OK);
  std::string out(deflateBound(&z, in.size()) + 32, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  z.avail_in = static_cast<uInt>(in.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  REQUIRE(deflate(&z, Z_FINISH) == Z_STREAM_END);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

}  // namespace cairn::testing
