// The ingest endpoints over real HTTP against the collector binary: write key
// in each accepted place, gzip, partial batches, dedup, limits, CORS, and the
// server healthy after every bad request.
#include "support/deflate.h"
#include "support/error_body.h"
#include "collector_process.h"

#include <boost/json/parse.hpp>
#include <catch2/catch.hpp>
#include <zlib.h>

namespace ct = cairn::testing;
namespace bj = boost::json;

namespace {

std::string code_of(const ct::HttpResult& r) { return ct::error_code_of(r.body); }

std::string base64(const std::string& in) {
  static constexpr char kTable[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  std::size_t i = 0;
  for (; i + 2 < in.size(); i += 3) {
    unsigned n = (static_cast<unsigned char>(in[i]) << 16) | (static_cast<unsigned char>(in[i + 1]) << 8) |
                 static_cast<unsigned char>(in[i + 2]);
    for (int s = 18; s >= 0; s -= 6) out += kTable[(n >> s) & 63];
  }
  if (i + 1 == in.size()) {
    unsigned n = static_cast<unsigned char>(in[i]) << 16;
    out += kTable[(n >> 18) & 63];
    out += kTable[(n >> 12) & 63];
    out += "==";
  } else if (i + 2 == in.size()) {
    unsigned n = (static_cast<unsigned char>(in[i]) << 16) | (static_cast<unsigned char>(in[i + 1]) << 8);
    out += kTable[(n >> 18) & 63];
    out += kTable[(n >> 12) & 63];
    out += kTable[(n >> 6) & 63];
    out += '=';
  }
  return out;
}

}  // namespace

TEST_CASE("ingest over HTTP: credentials, gzip, partial batches, dedup, limits, CORS") {
  const std::string binary = ct::ingest_binary();
  INFO("binary: " << binary);
  ct::TempDir dir;
  std::optional<std::string> key = ct::create_app(binary, dir.path(), "it", "https://app.example.com");
  REQUIRE(key);
  ct::CollectorProcess collector;
  REQUIRE(collector.start(binary, dir.path()));
  ct::HttpClient http;
  const std::string batch_url = collector.base_url() + "/v1/batch";
  const std::string header_key = "X-Cairn-Write-Key: " + *key;
  const std::string one = R"({"batch": [{"type": "track", "event": "A", "userId": "u", "messageId": "m1"}]})";

  SECTION("every way to present the write key") {
    CHECK(http.post(batch_url, one, {header_key}).status == 200);
    CHECK(http.post(batch_url, one, {"Authorization: Basic " + base64(*key + ":")}).status == 200);
    CHECK(http.post(batch_url, one, {"Authorization: Bearer " + *key}).status == 200);
    std::string with_body_key = R"({"writeKey": ")" + *key + R"(", "batch": [{"type": "page", "anonymousId": "a"}]})";
    CHECK(http.post(batch_url, with_body_key, {"Content-Type: text/plain"}).status == 200);  // sendBeacon
    CHECK(http.post(collector.base_url() + "/v1/track",
                    R"({"writeKey": ")" + *key + R"(", "event": "B", "userId": "u"})", {})
              .status == 200);
    ct::HttpResult none = http.post(batch_url, one, {});
    CHECK(none.status == 401);
    CHECK(code_of(none) == "missing_write_key");
    CHECK(code_of(http.post(batch_url, one, {"X-Cairn-Write-Key: cwk_wrong"})) == "invalid_write_key");
  }

  SECTION("partial batch, dedup, gzip") {
    ct::HttpResult partial = http.post(
        batch_url, R"({"batch": [{"type": "track", "event": "A", "userId": "u", "messageId": "p1"}, {"type": "track"}]})",
        {header_key});
    REQUIRE(partial.status == 200);
    bj::value p = bj::parse(partial.body);
    CHECK(p.at("stored") == 1);
    CHECK(p.at("rejected").at(0).at("index") == 1);
    CHECK(p.at("rejected").at(0).at("problems").at(0).at("pointer") == "/batch/1/event");

    ct::HttpResult again = http.post(batch_url, ct::deflate_body(one), {header_key, "Content-Encoding: gzip"});
    REQUIRE(again.status == 200);
    ct::HttpResult dup = http.post(batch_url, ct::deflate_body(one), {header_key, "Content-Encoding: gzip"});
    REQUIRE(dup.status == 200);
    CHECK(bj::parse(dup.body).at("duplicates") == 1);
  }

  SECTION("bad requests get a 4xx JSON error and the server stays healthy") {
    std::string gz = ct::deflate_body(one);
    struct Bad {
      std::string body;
      std::vector<std::string> headers;
      long status;
      const char* code;
    } bad[] = {
        {"{not json", {header_key}, 400, "invalid_json"},
        {R"({"batch": 5})", {header_key}, 400, "invalid_batch"},
        {R"({"batch": [{"type": 1}]})", {header_key}, 400, "invalid_events"},
        {"\"\xff\xfe\"", {header_key}, 400, "invalid_json"},
        {std::string(200, '[') + std::string(200, ']'), {header_key}, 400, "invalid_json"},
        {R"({"batch": [{"type":"track","event":"x","userId":"u","properties":{"n":1e999}}]})", {header_key}, 400, "invalid_events"},
        {gz.substr(0, gz.size() / 2), {header_key, "Content-Encoding: gzip"}, 400, "invalid_gzip"},
        {ct::deflate_body(std::string(5 * 1024 * 1024, ' ')), {header_key, "Content-Encoding: gzip"}, 413, "decompressed_too_large"},
        {one, {header_key, "Content-Encoding: br"}, 415, "unsupported_encoding"},
        {std::string(1024 * 1024 + 1, ' '), {header_key}, 413, "body_too_large"},
    };
    for (const Bad& b : bad) {
      INFO("expected " << b.code);
      ct::HttpResult r = http.post(batch_url, b.body, b.headers);
      CHECK(r.status == b.status);
      if (r.status == b.status) CHECK(code_of(r) == b.code);
      CHECK(http.post(batch_url, one, {header_key}).status == 200);  // Still healthy.
    }
  }

  SECTION("CORS only for the app's origins") {
    ct::HttpResult allowed = http.post(batch_url, one, {header_key, "Origin: https://app.example.com"});
    CHECK(allowed.headers["access-control-allow-origin"] == "https://app.example.com");
    ct::HttpResult other = http.post(batch_url, one, {header_key, "Origin: https://evil.example"});
    CHECK(other.headers.count("access-control-allow-origin") == 0);
  }
  CHECK(collector.stop() == 0);
}
