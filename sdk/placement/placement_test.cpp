#include "placement/placement.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

namespace cp = cairn::placement;
using cp::Alignment;
using cp::PreferredSide;
using cp::Side;
using cp::TextDirection;

namespace {

cp::PlacementRequest tooltip(cp::Rect target, PreferredSide side = PreferredSide::bottom) {
  cp::PlacementRequest r;
  r.target = target;
  r.box = {200, 40};
  r.viewport = {0, 0, 1000, 800};
  r.side = side;
  r.offset = 8;
  r.padding = 8;
  r.arrow_size = 10;
  r.arrow_padding = 6;
  return r;
}

bool inside(const cp::Placement& p, cp::Size box, cp::Rect vp, double padding) {
  return p.x >= vp.x + padding && p.y >= vp.y + padding &&
         p.x + box.width <= vp.right() - padding && p.y + box.height <= vp.bottom() - padding;
}

// Where the arrow's middle is, in viewport coordinates.
double arrow_tip(const cp::Placement& p, double arrow_size) {
  const double start = p.side == Side::top || p.side == Side::bottom ? p.x : p.y;
  return start + *p.arrow_offset + arrow_size / 2;
}

}  // namespace

TEST_CASE("a tooltip with room goes where it is asked, arrow at the target's centre") {
  const auto r = tooltip({400, 300, 60, 20});
  const cp::Placement p = cp::compute_placement(r);
  CHECK(p.side == Side::bottom);
  CHECK(p.fits);
  CHECK(p.target_visible);
  CHECK(p.x == r.target.center_x() - r.box.width / 2);
  CHECK(p.y == r.target.bottom() + r.offset);
  REQUIRE(p.arrow_offset);
  CHECK(arrow_tip(p, r.arrow_size) == r.target.center_x());
}

TEST_CASE("a tooltip flips when the preferred side is cut off by the viewport") {
  const auto r = tooltip({400, 770, 60, 20});
  const cp::Placement p = cp::compute_placement(r);
  CHECK(p.side == Side::top);
  CHECK(p.fits);
  CHECK(p.y + r.box.height == r.target.top() - r.offset);
}

TEST_CASE("left and right boxes are vertically aligned and keep their arrow vertical") {
  auto r = tooltip({400, 300, 60, 30}, PreferredSide::right);
  r.alignment = Alignment::start;
  const cp::Placement p = cp::compute_placement(r);
  CHECK(p.side == Side::right);
  CHECK(p.x == r.target.right() + r.offset);
  CHECK(p.y == r.target.top());
  CHECK(arrow_tip(p, r.arrow_size) == r.target.center_y());
}

TEST_CASE("shift keeps a tooltip for an element at the viewport's edge inside it") {
  const auto r = tooltip({950, 300, 40, 20});
  const cp::Placement p = cp::compute_placement(r);
  CHECK(p.side == Side::bottom);
  CHECK(p.fits);
  CHECK(p.x == r.viewport.right() - r.padding - r.box.width);
  CHECK(arrow_tip(p, r.arrow_size) == r.target.center_x());
}

TEST_CASE("the arrow is clamped within the box's corners when the target is at the far edge") {
  auto r = tooltip({990, 300, 10, 20});
  r.padding = 0;
  const cp::Placement p = cp::compute_placement(r);
  CHECK(p.x == r.viewport.right() - r.box.width);
  CHECK(*p.arrow_offset == r.box.width - r.arrow_padding - r.arrow_size);
}

TEST_CASE("no arrow is reported when none is asked for") {
  auto r = tooltip({400, 300, 60, 20});
  r.arrow_size = 0;
  CHECK_FALSE(cp::compute_placement(r).arrow_offset);
}

TEST_CASE("a partly offscreen target still gets a fitting tooltip aimed at its visible part") {
  const auto r = tooltip({-30, 300, 60, 20});
  const cp::Placement p = cp::compute_placement(r);
  CHECK(p.side == Side::bottom);
  CHECK(p.fits);
  CHECK(p.target_visible);
  CHECK(p.x == r.padding);
  // Visible part is [0, 30]: the arrow points at 15, not at the hidden centre 0.
  // With corner padding the arrow cannot get that close to the box's start.
  CHECK(arrow_tip(p, r.arrow_size) == p.x + r.arrow_padding + r.arrow_size / 2);
  auto wide = r;
  wide.arrow_padding = 0;
  CHECK(arrow_tip(cp::compute_placement(wide), wide.arrow_size) == 15);
}

TEST_CASE("a fully offscreen target is reported, and the box stays in view") {
  for (cp::Rect target : {cp::Rect{400, -200, 60, 20}, cp::Rect{400, 1200, 60, 20},
                          cp::Rect{-300, 300, 60, 20}, cp::Rect{1300, 300, 60, 20}}) {
    const auto r = tooltip(target);
    const cp::Placement p = cp::compute_placement(r);
    CHECK_FALSE(p.target_visible);
    CHECK_FALSE(p.fits);
    CHECK(inside(p, r.box, r.viewport, r.padding));
  }
}

TEST_CASE("no room on any side: fits is false and the box is kept in the viewport") {
  auto r = tooltip({50, 50, 200, 200}, PreferredSide::left);
  r.viewport = {0, 0, 300, 300};
  r.box = {120, 100};
  const cp::Placement p = cp::compute_placement(r);
  CHECK_FALSE(p.fits);
  CHECK(p.target_visible);
  CHECK(inside(p, r.box, r.viewport, r.padding));
}

TEST_CASE("a box larger than a tiny viewport is clamped to the viewport's origin") {
  auto r = tooltip({20, 20, 10, 10});
  r.box = {400, 300};
  r.viewport = {0, 0, 320, 200};
  cp::Placement p = cp::compute_placement(r);
  CHECK_FALSE(p.fits);
  CHECK(p.x == 0);
  CHECK(p.y == 0);
  r.viewport = {10, 20, 320, 200};
  r.target = {30, 40, 10, 10};
  p = cp::compute_placement(r);
  CHECK(p.x == 10);
  CHECK(p.y == 20);
  // Larger in one axis only: that axis is pinned, the other still shifts.
  r.box = {100, 300};
  p = cp::compute_placement(r);
  CHECK_FALSE(p.fits);
  CHECK(p.y == 20);
  CHECK(p.x >= r.viewport.x + r.padding);
  CHECK(p.x + r.box.width <= r.viewport.right() - r.padding);
}

TEST_CASE("a zero-size viewport gives a finite placement that does not fit") {
  auto r = tooltip({20, 20, 10, 10});
  r.viewport = {0, 0, 0, 0};
  const cp::Placement p = cp::compute_placement(r);
  CHECK_FALSE(p.fits);
  CHECK_FALSE(p.target_visible);
  CHECK(p.x == 0);
  CHECK(p.y == 0);
}

TEST_CASE("rtl mirrors the side preference and the start/end alignment") {
  auto r = tooltip({400, 300, 100, 20}, PreferredSide::left);
  r.direction = TextDirection::rtl;
  cp::Placement p = cp::compute_placement(r);
  CHECK(p.side == Side::right);
  CHECK(p.x == r.target.right() + r.offset);

  r.side = PreferredSide::top;
  r.alignment = Alignment::start;
  p = cp::compute_placement(r);
  CHECK(p.side == Side::top);
  CHECK(p.x + r.box.width == r.target.right());
  r.direction = TextDirection::ltr;
  CHECK(cp::compute_placement(r).x == r.target.left());
}

TEST_CASE("rtl flips to the inline-end side (left) when top and bottom have no room") {
  auto r = tooltip({400, 0, 100, 800}, PreferredSide::top);
  r.direction = TextDirection::rtl;
  CHECK(cp::compute_placement(r).side == Side::left);
  r.direction = TextDirection::ltr;
  CHECK(cp::compute_placement(r).side == Side::right);
}

TEST_CASE("automatic prefers below, then above, then the inline sides") {
  CHECK(cp::compute_placement(tooltip({400, 300, 60, 20}, PreferredSide::automatic)).side ==
        Side::bottom);
  CHECK(cp::compute_placement(tooltip({400, 770, 60, 20}, PreferredSide::automatic)).side ==
        Side::top);
}

TEST_CASE("non-finite and negative measurements never produce non-finite output") {
  constexpr double nan = std::numeric_limits<double>::quiet_NaN();
  constexpr double inf = std::numeric_limits<double>::infinity();
  cp::PlacementRequest r = tooltip({nan, inf, -5, nan});
  r.box = {-10, inf};
  r.viewport = {nan, 0, inf, 800};
  r.offset = nan;
  r.padding = -inf;
  r.arrow_size = nan;
  const cp::Placement p = cp::compute_placement(r);
  CHECK(std::isfinite(p.x));
  CHECK(std::isfinite(p.y));
  CHECK_FALSE(p.arrow_offset);
  const cp::Placement c = cp::compute_centered({nan, -1}, {0, 0, nan, 100}, nan);
  CHECK(std::isfinite(c.x));
  CHECK(std::isfinite(c.y));
}

TEST_CASE("a zero-size target inside the viewport counts as visible") {
  const auto r = tooltip({400, 300, 0, 0});
  const cp::Placement p = cp::compute_placement(r);
  CHECK(p.target_visible);
  CHECK(p.fits);
}

TEST_CASE("centered placement for modals and the fallback bubble") {
  const cp::Rect vp{0, 0, 1000, 800};
  cp::Placement p = cp::compute_centered({400, 300}, vp, 16);
  CHECK(p.side == Side::center);
  CHECK(p.fits);
  CHECK(p.x == 300);
  CHECK(p.y == 250);
  CHECK_FALSE(p.arrow_offset);
  // Fits the viewport but not its padding: still centred, but not "fits".
  p = cp::compute_centered({990, 300}, vp, 16);
  CHECK_FALSE(p.fits);
  CHECK(p.x == 5);
  // Larger than the viewport: pinned to the viewport's origin.
  p = cp::compute_centered({1200, 900}, {50, 60, 1000, 800}, 16);
  CHECK_FALSE(p.fits);
  CHECK(p.x == 50);
  CHECK(p.y == 60);
}
