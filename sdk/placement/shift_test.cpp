#include "placement/shift.h"

#include <catch2/catch.hpp>

namespace cp = cairn::placement;

TEST_CASE("shift leaves a box that is already in view where it is") {
  CHECK(cp::shift_into_view(50, 100, 0, 1000, 8) == 50);
}

TEST_CASE("shift clamps a box into the padded viewport from either end") {
  CHECK(cp::shift_into_view(-40, 100, 0, 1000, 8) == 8);
  CHECK(cp::shift_into_view(950, 100, 0, 1000, 8) == 1000 - 8 - 100);
  // The viewport need not start at 0 (a scrolled or offset frame).
  CHECK(cp::shift_into_view(0, 100, 300, 500, 10) == 310);
}

TEST_CASE("shift gives up the padding before it gives up the viewport") {
  // Fits exactly with padding: pinned at the padded start.
  CHECK(cp::shift_into_view(500, 80, 0, 100, 10) == 10);
  // 95 fits in 100 but not in 100 - 2*10: centred without padding.
  CHECK(cp::shift_into_view(500, 95, 0, 100, 10) == 2.5);
}

TEST_CASE("shift pins a box larger than the viewport to the viewport's start") {
  CHECK(cp::shift_into_view(-500, 400, 0, 320, 8) == 0);
  CHECK(cp::shift_into_view(500, 400, 20, 320, 8) == 20);
  CHECK(cp::shift_into_view(5, 1, 0, 0, 0) == 0);
}
