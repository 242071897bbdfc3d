// Geometry shared by the placement pieces: rectangles in CSS pixels, in one
// coordinate space chosen by the caller (the browser adapter uses the viewport's
// client coordinates). Nothing here knows about the DOM.
//
// Threading: plain values; safe to copy between threads.
#pragma once

namespace cairn::placement {

struct Size {
  double width = 0;
  double height = 0;
};

struct Rect {
  double x = 0;
  double y = 0;
  double width = 0;
  double height = 0;

  double left() const { return x; }
  double top() const { return y; }
  double right() const { return x + width; }
  double bottom() const { return y + height; }
  double center_x() const { return x + width / 2; }
  double center_y() const { return y + height / 2; }
};

// The side of the target the floating box sits on. `center` is the modal /
// fallback placement, which has no target.
enum class Side { top, bottom, left, right, center };

enum class Axis { horizontal, vertical };

// Top and bottom boxes slide horizontally (their cross axis); left and right
// boxes slide vertically.
inline Axis cross_axis(Side side) {
  return side == Side::left || side == Side::right ? Axis::vertical : Axis::horizontal;
}

inline Side opposite(Side side) {
  switch (side) {
    case Side::top: return Side::bottom;
    case Side::bottom: return Side::top;
    case Side::left: return Side::right;
    case Side::right: return Side::left;
    case Side::center: return Side::center;
  }
  return Side::center;
}

// True when the two rectangles share some area (touching edges do not count).
inline bool intersects(const Rect& a, const Rect& b) {
  return a.left() < b.right() && b.left() < a.right() && a.top() < b.bottom() &&
         b.top() < a.bottom();
}

}  // namespace cairn::placement
