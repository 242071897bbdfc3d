#include "placement/placement.h"

#include "placement/anchor.h"
#include "placement/arrow.h"
#include "placement/flip.h"
#include "placement/sanitize.h"
#include "placement/shift.h"

#include <algorithm>

namespace cairn::placement {
namespace {

PlacementRequest sanitized(const PlacementRequest& in) {
  PlacementRequest out = in;
  out.target = placement::sanitized(in.target);
  out.box = placement::sanitized(in.box);
  out.viewport = placement::sanitized(in.viewport);
  out.offset = finite_or_zero(in.offset);
  out.padding = length(in.padding);
  out.arrow_size = length(in.arrow_size);
  out.arrow_padding = length(in.arrow_padding);
  return out;
}

// The arrow aims at the middle of the target's visible part, so a target half
// scrolled out still gets an arrow at what the user can see.
double aim(double target_start, double target_end, double viewport_start, double viewport_end) {
  const double lo = std::max(target_start, viewport_start);
  const double hi = std::min(target_end, viewport_end);
  if (lo > hi) return target_start + (target_end - target_start) / 2;
  return lo + (hi - lo) / 2;
}

bool visible(const Rect& target, const Rect& viewport) {
  if (viewport.width <= 0 || viewport.height <= 0) return false;
  if (target.width > 0 && target.height > 0) return intersects(target, viewport);
  // A zero-width or zero-height target (an empty inline element) has no area, so
  // it counts as visible when it touches the viewport at all.
  return target.left() <= viewport.right() && target.right() >= viewport.left() &&
         target.top() <= viewport.bottom() && target.bottom() >= viewport.top();
}

}  // namespace

Placement compute_placement(const PlacementRequest& raw) {
  const PlacementRequest request = sanitized(raw);
  const SideChoice choice = choose_side(request);
  const Rect& vp = request.viewport;
  const Rect anchored = anchor_box(request.target, request.box, choice.side, request.alignment,
                                   request.direction, request.offset);
  Placement out;
  out.side = choice.side;
  out.x = shift_into_view(anchored.x, anchored.width, vp.x, vp.width, request.padding);
  out.y = shift_into_view(anchored.y, anchored.height, vp.y, vp.height, request.padding);
  out.target_visible = visible(request.target, vp);
  out.fits = choice.fits && out.target_visible;
  if (cross_axis(choice.side) == Axis::horizontal) {
    out.arrow_offset =
        arrow_offset(aim(request.target.left(), request.target.right(), vp.left(), vp.right()),
                     out.x, request.box.width, request.arrow_size, request.arrow_padding);
  } else {
    out.arrow_offset =
        arrow_offset(aim(request.target.top(), request.target.bottom(), vp.top(), vp.bottom()),
                     out.y, request.box.height, request.arrow_size, request.arrow_padding);
  }
  return out;
}

Placement compute_centered(Size raw_box, Rect raw_viewport, double raw_padding) {
  const Size box = sanitized(raw_box);
  const Rect vp = sanitized(raw_viewport);
  const double padding = length(raw_padding);
  Placement out;
  out.side = Side::center;
  out.x = shift_into_view(vp.x + (vp.width - box.width) / 2, box.width, vp.x, vp.width, padding);
  out.y =
      shift_into_view(vp.y + (vp.height - box.height) / 2, box.height, vp.y, vp.height, padding);
  out.fits = box.width + 2 * padding <= vp.width && box.height + 2 * padding <= vp.height;
  out.target_visible = false;
  return out;
}

}  // namespace cairn::placement
