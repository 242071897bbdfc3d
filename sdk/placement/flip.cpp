#include "placement/flip.h"

#include "placement/anchor.h"
#include "placement/shift.h"

#include <algorithm>

namespace cairn::placement {
namespace {

// How far [start, start + size] spills outside [lo, hi].
double spill(double start, double size, double lo, double hi) {
  return std::max(0.0, lo - start) + std::max(0.0, start + size - hi);
}

// How far two spans are apart; 0 when they overlap.
double gap(double a_start, double a_end, double b_start, double b_end) {
  if (a_end > b_start && b_end > a_start) return 0;
  // Degenerate (zero-length) spans touching count as overlapping.
  if (a_end >= b_start && b_end >= a_start && (a_start == a_end || b_start == b_end)) return 0;
  return std::max(b_start - a_end, a_start - b_end);
}

}  // namespace

std::array<Side, 4> side_order(PreferredSide preferred, TextDirection direction) {
  const bool rtl = direction == TextDirection::rtl;
  const Side inline_end = rtl ? Side::left : Side::right;
  const Side inline_start = opposite(inline_end);
  switch (preferred) {
    case PreferredSide::top: return {Side::top, Side::bottom, inline_end, inline_start};
    case PreferredSide::bottom: return {Side::bottom, Side::top, inline_end, inline_start};
    case PreferredSide::left:
      return {inline_start, inline_end, Side::bottom, Side::top};
    case PreferredSide::right:
      return {inline_end, inline_start, Side::bottom, Side::top};
    case PreferredSide::automatic: break;
  }
  return {Side::bottom, Side::top, inline_end, inline_start};
}

double overflow_on(const PlacementRequest& request, Side side) {
  const Rect& vp = request.viewport;
  const double pad = request.padding;
  const Rect box = anchor_box(request.target, request.box, side, request.alignment,
                              request.direction, request.offset);
  if (cross_axis(side) == Axis::horizontal) {
    const double main = spill(box.y, box.height, vp.top() + pad, vp.bottom() - pad);
    const double x = shift_into_view(box.x, box.width, vp.x, vp.width, pad);
    const double cross = spill(x, box.width, vp.left() + pad, vp.right() - pad);
    const double detached = gap(x, x + box.width, request.target.left(), request.target.right());
    return main + cross + detached;
  }
  const double main = spill(box.x, box.width, vp.left() + pad, vp.right() - pad);
  const double y = shift_into_view(box.y, box.height, vp.y, vp.height, pad);
  const double cross = spill(y, box.height, vp.top() + pad, vp.bottom() - pad);
  const double detached = gap(y, y + box.height, request.target.top(), request.target.bottom());
  return main + cross + detached;
}

SideChoice choose_side(const PlacementRequest& request) {
  const std::array<Side, 4> order = side_order(request.side, request.direction);
  SideChoice best{order[0], false};
  double least = -1;
  for (Side side : order) {
    const double overflow = overflow_on(request, side);
    if (overflow <= 0) return {side, true};
    if (least < 0 || overflow < least) {
      least = overflow;
      best.side = side;
    }
  }
  return best;
}

}  // namespace cairn::placement
