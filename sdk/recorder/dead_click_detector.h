// DeadClickDetector: "the user clicked and nothing happened". A click is dead
// when the page did not answer within `window_ms` of it: no DOM mutation, no
// popover toggled, no navigation or route change, no focus change (the adapter
// reports these), and no track/page/identify/group call of the host's (the
// Recorder reports those: an app's answer may be only an event). All reach
// observe_change(); a change cannot be attributed to a click, so any change
// in the window saves every click pending at that time (a miss rather than a
// false alarm).
//
// Order of reports: a click carries the time it happened, and it may be
// reported after the changes it caused (the adapter records a click in the
// task after the click's own, so the page's handler has already changed the
// DOM). The detector remembers the latest change time, so a click that
// happened at or before that time is alive at once: a change at the click's own
// millisecond counts (it may be the click's), and so does a change past the
// click's window when the click comes that late (its window cannot be judged
// any more). A click's window starts at its time, not at its report: a change
// reported before the click but no earlier than its time saves it.
//
// Repeated clicks on an element that already has a pending click join it (the
// report carries the count) instead of producing one dead click each, so a
// rage-click burst on a broken button is one dead click with click_count 5.
//
// Threading: one detector per page, fed from one thread.
#pragma once

#include "recorder/click_observation.h"

#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

namespace cairn::recorder {

struct DeadClickLimits {
  std::int64_t window_ms = 1'000;
};

// Clicks waiting for a verdict; beyond this the oldest is dropped unreported
// (a page that never mutates cannot grow the detector).
inline constexpr std::size_t kMaxPendingDeadClicks = 32;

struct DeadClick {
  ClickObservation click;  // The first click on the element.
  int click_count = 1;     // Clicks on it while it waited for a change.
};

class DeadClickDetector {
 public:
  explicit DeadClickDetector(DeadClickLimits limits = {}) : limits_(limits) {}

  // A click happened at click.time_ms; it is dead unless the browser answered
  // it (click.answered_by_browser: alive at once), a change was observed at or
  // after that time (alive at once) or is observed by click.time_ms + window_ms.
  void observe_click(const ClickObservation& click);

  // The page changed at `time_ms`: every pending click with
  // time <= time_ms <= time + window_ms is alive, and so is every click
  // reported later with a time <= time_ms.
  void observe_change(std::int64_t time_ms);

  // Returns (and forgets) the clicks whose window ended before `now_ms` without
  // a change, oldest first.
  std::vector<DeadClick> advance(std::int64_t now_ms);

  // When advance() next has something to report, if anything is pending.
  std::optional<std::int64_t> next_deadline_ms() const;

  // The wall clock went back to `now_ms`: a pending click stamped later waits
  // from now (its window ends at most window_ms from now, and a change from
  // now on saves it) instead of for as long as the clock stepped back, and a
  // change stamped later is forgotten: it no longer saves every click until
  // the clock has caught up with it.
  void follow_clock_back(std::int64_t now_ms);

  std::size_t pending() const { return pending_.size(); }

 private:
  DeadClickLimits limits_;
  std::vector<DeadClick> pending_;  // Time order.
  // The latest change observed (none yet: the lowest time). One time is
  // enough, as clicks arrive within their window: any earlier change in it is
  // no later than this one.
  std::int64_t latest_change_ms_ = std::numeric_limits<std::int64_t>::min();
};

}  // namespace cairn::recorder
