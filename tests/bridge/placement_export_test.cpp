// wasm/bridge/placement_export.cpp called natively as the adapter calls it
// (cairn_client.ts, callDoubles): numbers in, six doubles out
// [side, x, y, arrow_offset or NaN, fits, target_visible], the side in the
// core's Side order (top, bottom, left, right, center). An index out of its
// table falls back (side auto, alignment center) instead of reading past it.
#include <catch2/catch.hpp>

#include <cmath>

extern "C" {
double* cairn_place(double tx, double ty, double tw, double th, double bw, double bh, double vx, double vy, double vw,
                    double vh, int side, int align, int rtl, double offset, double padding, double arrow_size,
                    double arrow_padding);
double* cairn_place_centered(double bw, double bh, double vx, double vy, double vw, double vh, double padding);
}

namespace {

enum Out { kSide, kX, kY, kArrow, kFits, kVisible };
constexpr double kTop = 0, kBottom = 1, kCenter = 4;

// A 100x40 target at (450, 20) in a 1000x800 viewport, a 200x100 box with an
// 8 px gap and a 12 px arrow, on `side` with `align`.
double* place_near_top(int side, int align) {
  return cairn_place(450, 20, 100, 40, 200, 100, 0, 0, 1000, 800, side, align, 0, 8, 4, 12, 4);
}

}  // namespace

TEST_CASE("bridge: a box goes below a target with no room above, centred, its arrow at the target") {
  const double* p = place_near_top(0, 1);  // Top preferred: no room, so the opposite side.
  CHECK(p[kSide] == kBottom);
  CHECK(p[kX] == 400);      // Centred on the target: 450 + 50 - 100.
  CHECK(p[kY] == 20 + 40 + 8);
  CHECK(p[kArrow] == 94);   // The box's middle minus half the arrow.
  CHECK(p[kFits] == 1);
  CHECK(p[kVisible] == 1);
}

TEST_CASE("bridge: a side or an alignment out of its table is auto and center, not a read past it") {
  const double* automatic = place_near_top(4, 1);
  const double expected[] = {automatic[kSide], automatic[kX], automatic[kY]};
  for (const int side : {-1, 5, 1000}) {
    for (const int align : {-1, 3}) {
      INFO(side << " " << align);
      const double* p = place_near_top(side, align);
      CHECK(p[kSide] == expected[0]);
      CHECK(p[kX] == expected[1]);
      CHECK(p[kY] == expected[2]);
    }
  }
}

TEST_CASE("bridge: a centred box has no arrow, and a bad measurement gives a placement, not NaN") {
  const double* p = cairn_place_centered(200, 100, 0, 0, 1000, 800, 16);
  CHECK(p[kSide] == kCenter);
  CHECK(p[kX] == 400);
  CHECK(p[kY] == 350);
  CHECK(std::isnan(p[kArrow]));
  CHECK(p[kFits] == 1);
  const double* bad = cairn_place(NAN, INFINITY, -5, 40, 200, 100, 0, 0, 1000, 800, 0, 1, 0, 8, 4, 12, 4);
  CHECK(std::isfinite(bad[kX]));
  CHECK(std::isfinite(bad[kY]));
  CHECK(bad[kSide] != kTop);  // A target at the top edge: no room above it.
}
