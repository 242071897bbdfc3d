// Which guides compete for the screen. A tooltip tour, a modal, a slideout, a
// survey or a checklist takes the user's attention, so only one of them runs at
// a time ("modal-type"); banners, hotspots and launchers sit at the page's edge
// or on an element and may stack alongside it and each other.
//
// Threading: pure function.
#pragma once

#include "guide/guide.h"

namespace cairn::session {

enum class GuideClass { modal, stacking };

// A guide is stacking when every step is a banner, hotspot or launcher; any
// other step makes the whole guide modal-type (it would cover the page at some
// point, so it must not run beside another modal-type guide).
GuideClass classify(const guide::Guide& guide);

}  // namespace cairn::session
