// BodyDecoder: turns a request body and its Content-Encoding into the bytes to
// parse, with a hard bound on the decoded size (gzip bombs) and a clear verdict
// for truncated or corrupt streams. Supports gzip (RFC 1952, several members
// too), deflate (RFC 1950 zlib, as HTTP means it) and identity.
//
// Threading: pure function; zlib state lives on the caller's stack.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace cairn::ingest {

enum class DecodeStatus {
  ok,
  unsupported_encoding,  // Neither gzip, x-gzip, deflate, identity nor absent.
  corrupt,               // Not a valid stream, truncated, or trailing garbage.
  too_large,             // Would decode to more than the limit.
};

struct DecodedBody {
  DecodeStatus status = DecodeStatus::ok;
  std::string bytes;   // The decoded body when status == ok (else empty).
  std::string detail;  // One sentence for the error response when not ok.
};

// `content_encoding` is the header's value ("" when absent), case-insensitive.
// REQUIRES nothing of `body`; never reads more than body.size() bytes and never
// produces more than max_decoded_bytes.
DecodedBody decode_body(std::string_view body, std::string_view content_encoding,
                        std::size_t max_decoded_bytes);

}  // namespace cairn::ingest
