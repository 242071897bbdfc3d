#include "support/deflate.h"
#include "ingest/body_decoder.h"

#include <catch2/catch.hpp>
#include <zlib.h>

#include <string>

namespace ci = cairn::ingest;

namespace {

const std::string kJson = R"({"batch": [{"type": "track", "event": "x", "userId": "u"}]})";

}  // namespace

TEST_CASE("decode_body passes identity bodies through") {
  for (const char* encoding : {"", "identity", " Identity "}) {
    ci::DecodedBody d = ci::decode_body(kJson, encoding, 1000);
    CHECK(d.status == ci::DecodeStatus::ok);
    CHECK(d.bytes == kJson);
  }
  ci::DecodedBody big = ci::decode_body(kJson, "", 10);
  CHECK(big.status == ci::DecodeStatus::too_large);
  CHECK(big.bytes.empty());
}

TEST_CASE("decode_body inflates gzip, x-gzip, deflate and concatenated gzip members") {
  CHECK(ci::decode_body(cairn::testing::deflate_body(kJson), "gzip", 1000).bytes == kJson);
  CHECK(ci::decode_body(cairn::testing::deflate_body(kJson), "X-GZIP", 1000).bytes == kJson);
  CHECK(ci::decode_body(cairn::testing::deflate_body(kJson, 15), "deflate", 1000).bytes == kJson);
  ci::DecodedBody two = ci::decode_body(cairn::testing::deflate_body("abc") + cairn::testing::deflate_body("def"), "gzip", 1000);
  CHECK(two.status == ci::DecodeStatus::ok);
  CHECK(two.bytes == "abcdef");
  // Larger than one inflate step.
  std::string large(300000, 'q');
  CHECK(ci::decode_body(cairn::testing::deflate_body(large), "gzip", large.size()).bytes == large);
}

TEST_CASE("decode_body refuses truncated and corrupt streams") {
  std::string gz = cairn::testing::deflate_body(kJson);
  for (std::size_t cut : {std::size_t{1}, std::size_t{10}, gz.size() / 2, gz.size() - 1}) {
    INFO("cut at " << cut);
    ci::DecodedBody d = ci::decode_body(gz.substr(0, cut), "gzip", 1000);
    CHECK(d.status == ci::DecodeStatus::corrupt);
    CHECK_FALSE(d.detail.empty());
  }
  CHECK(ci::decode_body(gz.substr(0, gz.size() - 1), "gzip", 1000).detail.find("truncated") != std::string::npos);
  CHECK(ci::decode_body(kJson, "gzip", 1000).status == ci::DecodeStatus::corrupt);  // Not gzip at all.
  CHECK(ci::decode_body("", "gzip", 1000).status == ci::DecodeStatus::corrupt);
  std::string flipped = gz;
  flipped[flipped.size() - 6] ^= 0x55;  // Breaks the CRC-32.
  CHECK(ci::decode_body(flipped, "gzip", 1000).status == ci::DecodeStatus::corrupt);
  CHECK(ci::decode_body(gz + "trailing junk", "gzip", 1000).status == ci::DecodeStatus::corrupt);
}

TEST_CASE("decode_body stops a gzip bomb at the limit") {
  // 64 MiB of zeros compress to ~64 KiB.
  std::string zeros(64 * 1024 * 1024, '\0');
  std::string bomb = cairn::testing::deflate_body(zeros);
  REQUIRE(bomb.size() < 100 * 1024);
  ci::DecodedBody d = ci::decode_body(bomb, "gzip", 1024 * 1024);
  CHECK(d.status == ci::DecodeStatus::too_large);
  CHECK(d.bytes.empty());
  CHECK(d.detail.find("1048576") != std::string::npos);
}

TEST_CASE("decode_body accepts exactly the limit and refuses one byte more") {
  std::string body(5000, 'a');
  CHECK(ci::decode_body(cairn::testing::deflate_body(body), "gzip", 5000).status == ci::DecodeStatus::ok);
  CHECK(ci::decode_body(cairn::testing::deflate_body(body), "gzip", 4999).status == ci::DecodeStatus::too_large);
}

TEST_CASE("decode_body refuses unknown encodings") {
  for (const char* encoding : {"br", "compress", "gzip, br", "zstd"}) {
    ci::DecodedBody d = ci::decode_body(kJson, encoding, 1000);
    CHECK(d.status == ci::DecodeStatus::unsupported_encoding);
    CHECK(d.detail.find("not supported") != std::string::npos);
  }
}
