// Anchor: where the box's top-left corner goes when it sits on one side of the
// target with a given alignment and gap, before any shifting. This is Floating
// UI's computeCoordsFromPlacement.
//
// Threading: pure function.
#pragma once

#include "placement/geometry.h"
#include "placement/placement.h"

namespace cairn::placement {

// REQUIRES: side is not Side::center.
Rect anchor_box(const Rect& target, Size box, Side side, Alignment alignment,
                TextDirection direction, double offset);

}  // namespace cairn::placement
