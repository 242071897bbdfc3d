// Shift: slide the box along one axis so it stays inside the viewport, keeping
// `padding` from the edges when there is room for it. Floating UI's shift().
//
// Threading: pure function.
#pragma once

namespace cairn::placement {

// The box's new start on an axis where the box starts at `position` and is
// `size` long, inside a viewport span starting at `viewport_start` and
// `viewport_length` long. When the box fits inside the padded span it is
// clamped into it; when it fits only without the padding it is centred in the
// viewport; when it is longer than the viewport it starts at viewport_start, so
// its beginning (title, close button) stays readable.
double shift_into_view(double position, double size, double viewport_start,
                       double viewport_length, double padding);

}  // namespace cairn::placement
