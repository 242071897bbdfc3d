#include "placement/shift.h"

#include <algorithm>

namespace cairn::placement {

double shift_into_view(double position, double size, double viewport_start,
                       double viewport_length, double padding) {
  const double lo = viewport_start + padding;
  const double hi = viewport_start + viewport_length - padding - size;
  if (lo <= hi) return std::clamp(position, lo, hi);
  return viewport_start + std::max(0.0, (viewport_length - size) / 2);
}

}  // namespace cairn::placement
