#include "recorder/sampling.h"

#include <catch2/catch.hpp>

#include <string>

namespace cr = cairn::recorder;

TEST_CASE("fnv1a64 matches the published test vectors") {
  CHECK(cr::fnv1a64("") == 0xCBF29CE484222325ULL);
  CHECK(cr::fnv1a64("a") == 0xAF63DC4C8601EC8CULL);
  CHECK(cr::fnv1a64("foobar") == 0x85944171F73967E8ULL);
}

TEST_CASE("in_sample is deterministic per user and salt") {
  for (int i = 0; i < 100; ++i) {
    const std::string user = "user-" + std::to_string(i);
    CHECK(cr::in_sample(user, "cairn", 0.3) == cr::in_sample(user, "cairn", 0.3));
  }
  CHECK(cr::sample_position("u", "ab") != cr::sample_position("bu", "a"));
}

TEST_CASE("in_sample keeps about the requested share and nests by rate") {
  int kept_10 = 0, kept_50 = 0;
  for (int i = 0; i < 20'000; ++i) {
    const std::string user = "anon-" + std::to_string(i);
    const bool in10 = cr::in_sample(user, "cairn", 0.1);
    const bool in50 = cr::in_sample(user, "cairn", 0.5);
    kept_10 += in10;
    kept_50 += in50;
    // Raising the rate only adds users: nobody sampled at 10% is lost at 50%.
    if (in10) CHECK(in50);
  }
  CHECK(kept_10 > 1800);
  CHECK(kept_10 < 2200);
  CHECK(kept_50 > 9600);
  CHECK(kept_50 < 10400);
}

TEST_CASE("in_sample edge rates: 0, 1, out of range, NaN") {
  CHECK_FALSE(cr::in_sample("u", "s", 0.0));
  CHECK_FALSE(cr::in_sample("u", "s", -1.0));
  CHECK_FALSE(cr::in_sample("u", "s", std::numeric_limits<double>::quiet_NaN()));
  CHECK(cr::in_sample("u", "s", 1.0));
  CHECK(cr::in_sample("u", "s", 7.0));
  CHECK(cr::in_sample("", "", 1.0));
}
