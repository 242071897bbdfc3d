#include "placement/arrow.h"

#include <algorithm>

namespace cairn::placement {

std::optional<double> arrow_offset(double aim, double box_start, double box_length,
                                   double arrow_size, double arrow_padding) {
  if (!(arrow_size > 0)) return std::nullopt;
  const double padding = std::max(0.0, arrow_padding);
  const double lo = padding;
  const double hi = box_length - padding - arrow_size;
  if (hi < lo) return std::max(0.0, (box_length - arrow_size) / 2);
  return std::clamp(aim - box_start - arrow_size / 2, lo, hi);
}

}  // namespace cairn::placement
