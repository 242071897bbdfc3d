// RageClickDetector: "the user hammered this element because nothing happened".
// A rage click is at least `min_clicks` clicks on the same element within any
// `window_ms` span, each within `radius_px` of the latest one (a sliding
// window: 0 ms, 900 ms, 1100 ms, 1300 ms is a rage click by its last three).
// A burst is reported once, by the click that makes it reach min_clicks; it is
// over when a click no longer has min_clicks - 1 companions in its window (a
// pause, another element, a distant spot), and the next burst is reported anew.
//
// Threading: one detector per page, fed from one thread.
#pragma once

#include "recorder/click_observation.h"

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

namespace cairn::recorder {

struct RageClickLimits {
  int min_clicks = 3;
  std::int64_t window_ms = 1'000;
  double radius_px = 30;
};

// Clicks remembered per burst; an automated clicker cannot grow the detector.
inline constexpr std::size_t kMaxRageClickHistory = 64;

struct RageClick {
  ClickObservation click;           // The click that made the burst reach min_clicks.
  std::int64_t first_click_ms = 0;  // Earliest click counted in the burst.
  int click_count = 0;              // Clicks counted when reported (== min_clicks).
};

class RageClickDetector {
 public:
  explicit RageClickDetector(RageClickLimits limits = {}) : limits_(limits) {}

  // Feeds one click. Clicks are expected in time order; a click earlier than
  // the previous one starts afresh instead of being counted. Returns a
  // RageClick when this click makes a new burst reach min_clicks.
  std::optional<RageClick> observe(const ClickObservation& click);

 private:
  RageClickLimits limits_;
  std::string element_key_;
  // Where and when a remembered click was: all a burst needs of it. A fixed
  // array of plain structs rather than a vector of ClickObservation: no
  // element fingerprints copied, and no growth code in the WASM.
  struct Tap {
    std::int64_t time_ms;
    double x;
    double y;
  };
  std::array<Tap, kMaxRageClickHistory> recent_{};  // The first recent_count_: same element, time order.
  std::size_t recent_count_ = 0;
  bool reported_ = false;
};

}  // namespace cairn::recorder
