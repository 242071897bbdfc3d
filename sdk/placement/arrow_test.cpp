#include "placement/arrow.h"

#include <catch2/catch.hpp>

namespace cp = cairn::placement;

TEST_CASE("no arrow without a positive arrow size") {
  CHECK_FALSE(cp::arrow_offset(200, 100, 200, 0, 6));
  CHECK_FALSE(cp::arrow_offset(200, 100, 200, -3, 6));
}

TEST_CASE("the arrow's middle is at the aim point when the box allows it") {
  const auto offset = cp::arrow_offset(200, 100, 200, 10, 6);
  REQUIRE(offset);
  CHECK(100 + *offset + 10 / 2.0 == 200);
}

TEST_CASE("the arrow stays clear of the box's corners") {
  CHECK(cp::arrow_offset(90, 100, 200, 10, 6) == 6.0);
  CHECK(cp::arrow_offset(400, 100, 200, 10, 6) == 200 - 6 - 10.0);
  // A negative padding is treated as none.
  CHECK(cp::arrow_offset(0, 100, 200, 10, -4) == 0.0);
}

TEST_CASE("a box too short for arrow and corners gets the arrow centred") {
  CHECK(cp::arrow_offset(0, 100, 15, 10, 6) == 2.5);
  // Arrow wider than the box: flush with the box's start rather than negative.
  CHECK(cp::arrow_offset(0, 100, 5, 10, 0) == 0.0);
}
