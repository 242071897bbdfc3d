#include "ingest/body_decoder.h"

#include <zlib.h>

#include <algorithm>
#include <cctype>

namespace cairn::ingest {

namespace {

// Inflate output is produced in steps of this size; the decoded string grows
// by at most this much past what is needed, never past the limit.
constexpr std::size_t kInflateChunk = 64 * 1024;

std::string lower_trimmed(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

DecodedBody fail(DecodeStatus status, std::string detail) {
  DecodedBody out;
  out.status = status;
  out.detail = std::move(detail);
  return out;
}

// One zlib stream, freed on every path.
class Inflater {
 public:
  Inflater() { ok_ = inflateInit2(&z_, 15 + 32) == Z_OK; }  // 32: detect gzip or zlib header.
  ~Inflater() {
    if (ok_) inflateEnd(&z_);
  }
  Inflater(const Inflater&) = delete;
  Inflater& operator=(const Inflater&) = delete;
  bool ok() const { return ok_; }
  z_stream& stream() { return z_; }

 private:
  z_stream z_{};
  bool ok_ = false;
};

DecodedBody inflate_body(std::string_view body, std::size_t max_decoded_bytes) {
  Inflater inflater;
  if (!inflater.ok()) return fail(DecodeStatus::corrupt, "cannot start the decompressor");
  z_stream& z = inflater.stream();
  // zlib's API takes non-const input; it never writes through next_in.
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(body.data()));
  z.avail_in = static_cast<uInt>(body.size());
  DecodedBody out;
  for (;;) {
    const std::size_t used = out.bytes.size();
    if (used >= max_decoded_bytes + 1) {
      return fail(DecodeStatus::too_large, "the body decompresses to more than " +
                                               std::to_string(max_decoded_bytes) + " bytes");
    }
    // Room for one byte past the limit, so "exactly the limit" is allowed and
    // "one more" is detected.
    const std::size_t room = std::min(kInflateChunk, max_decoded_bytes + 1 - used);
    out.bytes.resize(used + room);
    z.next_out = reinterpret_cast<Bytef*>(out.bytes.data() + used);
    z.avail_out = static_cast<uInt>(room);
    const int rc = inflate(&z, Z_NO_FLUSH);
    out.bytes.resize(used + room - z.avail_out);
    if (out.bytes.size() > max_decoded_bytes) {
      return fail(DecodeStatus::too_large, "the body decompresses to more than " +
                                               std::to_string(max_decoded_bytes) + " bytes");
    }
    if (rc == Z_STREAM_END) {
      if (z.avail_in == 0) return out;
      // Another gzip member follows (concatenated gzip is one valid body).
      if (inflateReset(&z) != Z_OK) return fail(DecodeStatus::corrupt, "cannot restart the decompressor");
      continue;
    }
    if (rc == Z_OK) continue;
    if (rc == Z_BUF_ERROR && z.avail_in == 0) {
      return fail(DecodeStatus::corrupt, "the compressed body is truncated");
    }
    if (rc == Z_BUF_ERROR && z.avail_out == 0) continue;  // Output full; the loop grows it.
    return fail(DecodeStatus::corrupt,
                std::string("the compressed body is corrupt: ") + (z.msg ? z.msg : "invalid data"));
  }
}

}  // namespace

DecodedBody decode_body(std::string_view body, std::string_view content_encoding,
                        std::size_t max_decoded_bytes) {
  const std::string encoding = lower_trimmed(content_encoding);
  if (encoding.empty() || encoding == "identity") {
    if (body.size() > max_decoded_bytes) {
      return fail(DecodeStatus::too_large, "the body is more than " + std::to_string(max_decoded_bytes) + " bytes");
    }
    DecodedBody out;
    out.bytes.assign(body);
    return out;
  }
  if (encoding == "gzip" || encoding == "x-gzip" || encoding == "deflate") {
    if (body.empty()) return fail(DecodeStatus::corrupt, "the compressed body is empty");
    return inflate_body(body, max_decoded_bytes);
  }
  return fail(DecodeStatus::unsupported_encoding,
              "Content-Encoding \"" + std::string(content_encoding.substr(0, 40)) +
                  "\" is not supported; use gzip, deflate or none");
}

}  // namespace cairn::ingest
