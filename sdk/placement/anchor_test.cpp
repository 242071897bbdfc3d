#include "placement/anchor.h"

#include <catch2/catch.hpp>

namespace cp = cairn::placement;

namespace {
const cp::Rect kTarget{100, 100, 50, 20};
const cp::Size kBox{200, 40};
}  // namespace

TEST_CASE("anchor puts the box on each side, separated by the offset") {
  using cp::Alignment;
  using cp::Side;
  using cp::TextDirection;
  const cp::Rect bottom =
      cp::anchor_box(kTarget, kBox, Side::bottom, Alignment::center, TextDirection::ltr, 8);
  CHECK(bottom.x == kTarget.center_x() - kBox.width / 2);
  CHECK(bottom.y == kTarget.bottom() + 8);
  const cp::Rect top =
      cp::anchor_box(kTarget, kBox, Side::top, Alignment::center, TextDirection::ltr, 8);
  CHECK(top.bottom() == kTarget.top() - 8);
  const cp::Rect left =
      cp::anchor_box(kTarget, kBox, Side::left, Alignment::center, TextDirection::ltr, 8);
  CHECK(left.right() == kTarget.left() - 8);
  CHECK(left.center_y() == kTarget.center_y());
  const cp::Rect right =
      cp::anchor_box(kTarget, kBox, Side::right, Alignment::center, TextDirection::ltr, 8);
  CHECK(right.x == kTarget.right() + 8);
  CHECK(right.width == kBox.width);
  CHECK(right.height == kBox.height);
}

TEST_CASE("anchor aligns start and end with the target's edges, mirrored in rtl") {
  using cp::Alignment;
  using cp::Side;
  using cp::TextDirection;
  auto x_of = [](Side side, Alignment a, TextDirection d) {
    return cp::anchor_box(kTarget, kBox, side, a, d, 0).x;
  };
  CHECK(x_of(Side::top, Alignment::start, TextDirection::ltr) == kTarget.left());
  CHECK(x_of(Side::top, Alignment::end, TextDirection::ltr) == kTarget.right() - kBox.width);
  CHECK(x_of(Side::bottom, Alignment::start, TextDirection::rtl) == kTarget.right() - kBox.width);
  CHECK(x_of(Side::bottom, Alignment::end, TextDirection::rtl) == kTarget.left());
  CHECK(x_of(Side::bottom, Alignment::center, TextDirection::rtl) ==
        x_of(Side::bottom, Alignment::center, TextDirection::ltr));
}

TEST_CASE("anchor aligns vertically on the left and right sides whatever the direction") {
  using cp::Alignment;
  using cp::Side;
  using cp::TextDirection;
  for (TextDirection d : {TextDirection::ltr, TextDirection::rtl}) {
    CHECK(cp::anchor_box(kTarget, kBox, Side::right, Alignment::start, d, 0).y == kTarget.top());
    CHECK(cp::anchor_box(kTarget, kBox, Side::left, Alignment::end, d, 0).bottom() ==
          kTarget.bottom());
  }
}
