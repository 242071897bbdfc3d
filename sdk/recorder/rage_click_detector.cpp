#include "recorder/rage_click_detector.h"

#include <algorithm>
#include <cmath>

namespace cairn::recorder {

std::optional<RageClick> RageClickDetector::observe(const ClickObservation& click) {
  const bool same_element = !recent_.empty() && click.element_key == element_key_ &&
                            click.time_ms >= recent_.back().time_ms;
  if (!same_element) {
    recent_.clear();
    element_key_ = click.element_key;
    reported_ = false;
  }
  std::erase_if(recent_, [&](const ClickObservation& c) {
    return click.time_ms - c.time_ms > limits_.window_ms;
  });
  if (recent_.size() >= kMaxRageClickHistory) recent_.erase(recent_.begin());
  recent_.push_back(click);

  int count = 0;
  std::int64_t first = click.time_ms;
  for (const ClickObservation& c : recent_) {
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
