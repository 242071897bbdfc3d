#include "recorder/message_id.h"

#include <catch2/catch.hpp>

#include <set>

namespace cr = cairn::recorder;

TEST_CASE("make_uuid_v4 formats version 4, RFC variant, lower-case hex") {
  cr::SeededRandom random(42);
  for (int i = 0; i < 200; ++i) {
    const std::string id = cr::make_uuid_v4(random);
    REQUIRE(id.size() == cr::kMessageIdLength);
    CHECK(cr::looks_like_uuid(id));
    CHECK(id[14] == '4');
    CHECK((id[19] == '8' || id[19] == '9' || id[19] == 'a' || id[19] == 'b'));
    for (char c : id) CHECK_FALSE((c >= 'A' && c <= 'F'));
  }
}

TEST_CASE("make_uuid_v4 is unique over many draws and reproducible with a seed") {
  cr::SeededRandom a(7), b(7), c(8);
  std::set<std::string> seen;
  for (int i = 0; i < 10'000; ++i) seen.insert(cr::make_uuid_v4(a));
  CHECK(seen.size() == 10'000);
  cr::SeededRandom a2(7);
  CHECK(cr::make_uuid_v4(a2) == cr::make_uuid_v4(b));
  cr::SeededRandom b2(7);
  CHECK(cr::make_uuid_v4(b2) != cr::make_uuid_v4(c));
}

TEST_CASE("looks_like_uuid rejects wrong lengths, dashes and characters") {
  CHECK(cr::looks_like_uuid("1B4E28BA-2FA1-4D2B-883F-0016D3CCA427"));
  CHECK_FALSE(cr::looks_like_uuid(""));
  CHECK_FALSE(cr::looks_like_uuid("1b4e28ba-2fa1-4d2b-883f-0016d3cca42"));
  CHECK_FALSE(cr::looks_like_uuid("1b4e28ba2fa1-4d2b-883f-0016d3cca4271"));
  CHECK_FALSE(cr::looks_like_uuid("1b4e28ba-2fa1-4d2b-883f-0016d3cca42g"));
}

TEST_CASE("random_unit stays in the unit interval") {
  cr::SeededRandom random(1);
  double lo = 1, hi = 0;
  for (int i = 0; i < 10'000; ++i) {
    const double u = cr::random_unit(random);
    REQUIRE(u >= 0.0);
    REQUIRE(u < 1.0);
    lo = std::min(lo, u);
    hi = std::max(hi, u);
  }
  CHECK(lo < 0.01);
  CHECK(hi > 0.99);
}
