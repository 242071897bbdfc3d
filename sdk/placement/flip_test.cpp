#include "placement/flip.h"

#include <catch2/catch.hpp>

#include <array>

namespace cp = cairn::placement;
using cp::PreferredSide;
using cp::Side;
using cp::TextDirection;

namespace {

cp::PlacementRequest request(cp::Rect target, PreferredSide side,
                             TextDirection direction = TextDirection::ltr) {
  cp::PlacementRequest r;
  r.target = target;
  r.box = {200, 100};
  r.viewport = {0, 0, 1000, 800};
  r.side = side;
  r.direction = direction;
  r.offset = 8;
  r.padding = 8;
  return r;
}

}  // namespace

TEST_CASE("side order: preferred, opposite, then the cross sides") {
  using Order = std::array<Side, 4>;
  CHECK(cp::side_order(PreferredSide::top, TextDirection::ltr) ==
        Order{Side::top, Side::bottom, Side::right, Side::left});
  CHECK(cp::side_order(PreferredSide::bottom, TextDirection::rtl) ==
        Order{Side::bottom, Side::top, Side::left, Side::right});
  CHECK(cp::side_order(PreferredSide::left, TextDirection::ltr) ==
        Order{Side::left, Side::right, Side::bottom, Side::top});
  CHECK(cp::side_order(PreferredSide::right, TextDirection::ltr) ==
        Order{Side::right, Side::left, Side::bottom, Side::top});
  CHECK(cp::side_order(PreferredSide::automatic, TextDirection::ltr) ==
        Order{Side::bottom, Side::top, Side::right, Side::left});
}

TEST_CASE("side order mirrors left and right in rtl") {
  using Order = std::array<Side, 4>;
  CHECK(cp::side_order(PreferredSide::left, TextDirection::rtl) ==
        Order{Side::right, Side::left, Side::bottom, Side::top});
  CHECK(cp::side_order(PreferredSide::right, TextDirection::rtl) ==
        Order{Side::left, Side::right, Side::bottom, Side::top});
  CHECK(cp::side_order(PreferredSide::automatic, TextDirection::rtl) ==
        Order{Side::bottom, Side::top, Side::left, Side::right});
}

TEST_CASE("the preferred side is kept when it fits") {
  const auto r = request({400, 400, 50, 20}, PreferredSide::top);
  CHECK(cp::overflow_on(r, Side::top) == 0);
  const cp::SideChoice choice = cp::choose_side(r);
  CHECK(choice.side == Side::top);
  CHECK(choice.fits);
}

TEST_CASE("flip goes to the opposite side when the preferred one has no room") {
  // 60 px above the target: the 100 px box plus 8 offset plus 8 padding needs 116.
  const auto r = request({400, 60, 50, 20}, PreferredSide::top);
  CHECK(cp::overflow_on(r, Side::top) == Approx(116 - 60));
  const cp::SideChoice choice = cp::choose_side(r);
  CHECK(choice.side == Side::bottom);
  CHECK(choice.fits);
}

TEST_CASE("flip tries the cross sides when neither vertical side has room") {
  // A full-height column: nothing fits above or below.
  const auto ltr = request({400, 0, 50, 800}, PreferredSide::bottom);
  CHECK(cp::choose_side(ltr).side == Side::right);
  const auto rtl = request({400, 0, 50, 800}, PreferredSide::bottom, TextDirection::rtl);
  CHECK(cp::choose_side(rtl).side == Side::left);
  // No room on the inline-end side either: the last side is used.
  const auto edge = request({780, 0, 50, 800}, PreferredSide::bottom);
  CHECK(cp::choose_side(edge).side == Side::left);
}

TEST_CASE("with no room on any side the side that overflows least wins") {
  cp::PlacementRequest r = request({50, 50, 200, 200}, PreferredSide::top);
  r.viewport = {0, 0, 300, 300};
  r.box = {200, 100};
  // Room: top 42, bottom 42, left 42, right 42; vertical sides need 116 high
  // and horizontal 216 wide, so top/bottom overflow least; top is preferred.
  const cp::SideChoice choice = cp::choose_side(r);
  CHECK_FALSE(choice.fits);
  CHECK(choice.side == Side::top);
  CHECK(cp::overflow_on(r, Side::top) < cp::overflow_on(r, Side::left));
  CHECK(cp::overflow_on(r, Side::top) == cp::overflow_on(r, Side::bottom));
}

TEST_CASE("a side does not fit when shifting into view detaches the box from the target") {
  // Target entirely right of the viewport: a box below it can be shifted into
  // view but would no longer sit under it.
  const auto r = request({1100, 400, 50, 20}, PreferredSide::bottom);
  CHECK(cp::overflow_on(r, Side::bottom) > 0);
  CHECK_FALSE(cp::choose_side(r).fits);
}

TEST_CASE("a side fits after shifting along the edge when the box still overlaps the target") {
  const auto r = request({950, 400, 40, 20}, PreferredSide::bottom);
  CHECK(cp::overflow_on(r, Side::bottom) == 0);
  CHECK(cp::choose_side(r).side == Side::bottom);
}
