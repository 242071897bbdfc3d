// Flip: which side of the target the box goes on. Floating UI's flip() plus the
// "most room" fallback of autoPlacement().
//
// A side fits when the box, placed there and shifted along its edge, lies
// entirely inside the viewport minus padding and still overlaps the target
// along that edge (so the arrow can point at it).
//
// Threading: pure functions.
#pragma once

#include "placement/geometry.h"
#include "placement/placement.h"

#include <array>

namespace cairn::placement {

// The order sides are tried in. A preferred side comes first, then its
// opposite, then the two others (for top/bottom: inline-end then inline-start;
// for left/right: bottom then top). `automatic` tries bottom, top, inline-end,
// inline-start. rtl mirrors left and right, both in the preference and in the
// inline order.
std::array<Side, 4> side_order(PreferredSide preferred, TextDirection direction);

// How far the box, placed on `side` and shifted, spills out of the padded
// viewport or away from the target, in pixels summed over both axes; 0 means it
// fits. REQUIRES: the request is sanitised; side is not Side::center.
double overflow_on(const PlacementRequest& request, Side side);

struct SideChoice {
  Side side = Side::bottom;
  bool fits = false;
};

// The first side in side_order() that fits; when none does, the side that
// overflows least (earlier in the order on ties).
SideChoice choose_side(const PlacementRequest& request);

}  // namespace cairn::placement
