#include "placement/anchor.h"

namespace cairn::placement {
namespace {

// Start/center/end of a box of length `size` against a target span [lo, hi].
double aligned(double lo, double hi, double size, Alignment alignment) {
  switch (alignment) {
    case Alignment::start: return lo;
    case Alignment::center: return lo + (hi - lo) / 2 - size / 2;
    case Alignment::end: return hi - size;
  }
  return lo;
}

}  // namespace

Rect anchor_box(const Rect& target, Size box, Side side, Alignment alignment,
                TextDirection direction, double offset) {
  Rect out{0, 0, box.width, box.height};
  if (cross_axis(side) == Axis::horizontal) {
    // Inline alignment follows the text direction: "start" hugs the right edge in rtl.
    Alignment inline_alignment = alignment;
    if (direction == TextDirection::rtl && alignment != Alignment::center) {
      inline_alignment = alignment == Alignment::start ? Alignment::end : Alignment::start;
    }
    out.x = aligned(target.left(), target.right(), box.width, inline_alignment);
    out.y = side == Side::top ? target.top() - offset - box.height : target.bottom() + offset;
  } else {
    out.y = aligned(target.top(), target.bottom(), box.height, alignment);
    out.x = side == Side::left ? target.left() - offset - box.width : target.right() + offset;
  }
  return out;
}

}  // namespace cairn::placement
