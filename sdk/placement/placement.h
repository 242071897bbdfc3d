// Placement: where a floating box (tooltip, hotspot bubble, survey card) goes
// next to its target element, computed from rectangles only, like Floating UI's
// core. The browser adapter measures the target, the box and the viewport and
// draws the result; the math lives here so it is the same natively and in WASM
// and is tested without a browser.
//
// compute_placement() composes small pieces, each in its own file:
//   anchor  - the box's position on one side with an alignment and offset,
//   flip    - which side to use when the preferred one has no room,
//   shift   - slide the box along its edge so it stays in the viewport,
//   arrow   - where the arrow goes so it points at the target's centre.
// compute_centered() places modals and the fallback bubble a step shows when
// its target is missing.
//
// Inputs are sanitised rather than trusted: a NaN or infinite coordinate counts
// as 0 and a negative size as 0, so a bad measurement gives a poor placement,
// never undefined behaviour.
//
// Threading: pure functions of their arguments; call from any thread.
#pragma once

#include "placement/geometry.h"

#include <optional>

namespace cairn::placement {

enum class PreferredSide { top, bottom, left, right, automatic };

// Alignment along the target's edge. With direction rtl, start and end swap on
// the top and bottom sides (start is the right edge); left/right sides align
// vertically, where direction does not matter.
enum class Alignment { start, center, end };

// rtl mirrors the preference: "left" means the inline-start side, which is the
// right side in a right-to-left page.
enum class TextDirection { ltr, rtl };

struct PlacementRequest {
  Rect target;    // The element the box points at; may be partly or fully off screen.
  Size box;       // The floating box's measured size.
  Rect viewport;  // The visible area the box must stay in.
  PreferredSide side = PreferredSide::automatic;
  Alignment alignment = Alignment::center;
  TextDirection direction = TextDirection::ltr;
  double offset = 0;         // Gap between target and box; include the arrow's protrusion.
  double padding = 0;        // Minimum distance kept from the viewport's edges.
  double arrow_size = 0;     // The arrow's width along the box's edge; 0 means no arrow.
  double arrow_padding = 0;  // Minimum distance from the arrow to the box's corners.
};

struct Placement {
  Side side = Side::center;
  double x = 0;  // The box's top-left corner, in the request's coordinate space.
  double y = 0;
  // Distance from the box's left edge (side top/bottom) or top edge (side
  // left/right) to the arrow's start. Empty without an arrow or for centered.
  std::optional<double> arrow_offset;
  // True when the box sits beside its target on `side`, entirely inside the
  // viewport minus padding, overlapping the target along its edge. False means
  // the best effort was taken: the box is kept as visible as possible.
  bool fits = false;
  // True when some of the target is inside the viewport. An adapter that gets
  // false should scroll the target into view and place again.
  bool target_visible = false;
};

// Chooses the side (preferred, then its opposite, then the remaining sides,
// else the side that overflows least), aligns, shifts into view and places the
// arrow. A box larger than the viewport is clamped to the viewport's origin on
// that axis; a box that fits the viewport but not its padding is centred in it.
Placement compute_placement(const PlacementRequest& request);

// The box centred in the viewport, with the same clamping as above; side is
// Side::center and there is no arrow. `fits` says whether it is entirely inside
// the viewport minus padding.
Placement compute_centered(Size box, Rect viewport, double padding);

}  // namespace cairn::placement
