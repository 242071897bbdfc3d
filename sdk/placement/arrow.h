// Arrow: where along the box's edge the arrow goes so it points at the target,
// without entering the box's rounded corners. Floating UI's arrow().
//
// Threading: pure function.
#pragma once

#include <optional>

namespace cairn::placement {

// Offset of the arrow's start from the box's start on the box's cross axis.
// `aim` is the coordinate the arrow should point at (the target's centre on that
// axis). The arrow [offset, offset + arrow_size] is kept at least
// `arrow_padding` from both corners; a box too short for that gets the arrow
// centred. Returns nothing when arrow_size is not positive (no arrow).
std::optional<double> arrow_offset(double aim, double box_start, double box_length,
                                   double arrow_size, double arrow_padding);

}  // namespace cairn::placement
