#include "recorder/rage_click_detector.h"

#include <algorithm>
#include <cmath>

namespace cairn::recorder {

std::optional<RageClick> RageClickDetector::observe(const ClickObservation& click) {
  const bool same_element = recent_count_ > 0 && click.element_key == element_key_ &&
                            click.time_ms >= recent_[recent_count_ - 1].time_ms;
  if (!same_element) {
    recent_count_ = 0;
    element_key_ = click.element_key;
    reported_ = false;
  }
  // Forget the clicks that left the window, and the oldest when full.
  std::size_t kept = 0;
  for (std::size_t i = 0; i < recent_count_; ++i) {
    if (click.time_ms - recent_[i].time_ms <= limits_.window_ms) recent_[kept++] = recent_[i];
  }
  if (kept == recent_.size()) {
    std::copy(recent_.begin() + 1, recent_.end(), recent_.begin());
    --kept;
  }
  recent_[kept] = Tap{click.time_ms, click.x, click.y};
  recent_count_ = kept + 1;

  int count = 0;
  std::int64_t first = click.time_ms;
  for (std::size_t i = 0; i < recent_count_; ++i) {
    const Tap& c = recent_[i];
    if (std::hypot(c.x - click.x, c.y - click.y) <= limits_.radius_px) {
      ++count;
      first = std::min(first, c.time_ms);
    }
  }
  if (count < limits_.min_clicks) {
    reported_ = false;
    return std::nullopt;
  }
  if (reported_) return std::nullopt;
  reported_ = true;
  return RageClick{click, first, count};
}

}  // namespace cairn::recorder
