// Turning measurements that come from outside into numbers the placement math
// can trust: non-finite values become 0 and sizes are never negative.
//
// Threading: pure functions.
#pragma once

#include "placement/geometry.h"

#include <cmath>

namespace cairn::placement {

inline double finite_or_zero(double v) { return std::isfinite(v) ? v : 0.0; }
inline double length(double v) { return std::isfinite(v) && v > 0 ? v : 0.0; }

inline Size sanitized(Size s) { return {length(s.width), length(s.height)}; }
inline Rect sanitized(Rect r) {
  return {finite_or_zero(r.x), finite_or_zero(r.y), length(r.width), length(r.height)};
}

}  // namespace cairn::placement
