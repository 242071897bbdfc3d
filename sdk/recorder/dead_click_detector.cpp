#include "recorder/dead_click_detector.h"

#include <algorithm>

namespace cairn::recorder {

void DeadClickDetector::observe_click(const ClickObservation& click) {
  if (click.answered_by_browser || click.time_ms <= latest_change_ms_) return;
  for (DeadClick& p : pending_) {
    if (p.click.element_key == click.element_key && click.time_ms <= p.click.time_ms + limits_.window_ms) {
      ++p.click_count;
      return;
    }
  }
  if (pending_.size() >= kMaxPendingDeadClicks) pending_.erase(pending_.begin());
  pending_.push_back(DeadClick{click, 1});
}

void DeadClickDetector::observe_change(std::int64_t time_ms) {
  latest_change_ms_ = std::max(latest_change_ms_, time_ms);
  std::erase_if(pending_, [&](const DeadClick& p) {
    return p.click.time_ms <= time_ms && time_ms <= p.click.time_ms + limits_.window_ms;
  });
}

std::vector<DeadClick> DeadClickDetector::advance(std::int64_t now_ms) {
  // Clicks still waiting slide down within pending_ (no second vector), so a
  // call with nothing to report allocates nothing: it runs on every tick.
  std::vector<DeadClick> dead;
  std::size_t kept = 0;
  for (DeadClick& p : pending_) {
    if (p.click.time_ms + limits_.window_ms >= now_ms) {
      if (&p != &pending_[kept]) pending_[kept] = std::move(p);
      ++kept;
      continue;
    }
    // Oldest first, ties in arrival order. An insertion step rather than
    // std::sort: at most kMaxPendingDeadClicks clicks, and std::sort and
    // std::stable_partition on DeadClick cost the WASM 1.6 KB gzip (bench/sdk).
    dead.push_back(std::move(p));
    for (std::size_t i = dead.size() - 1; i > 0 && dead[i - 1].click.time_ms > dead[i].click.time_ms;
         --i) {
      std::swap(dead[i - 1], dead[i]);
    }
  }
  pending_.erase(pending_.begin() + static_cast<std::ptrdiff_t>(kept), pending_.end());
  return dead;
}

void DeadClickDetector::follow_clock_back(std::int64_t now_ms) {
  for (DeadClick& p : pending_) p.click.time_ms = std::min(p.click.time_ms, now_ms);
  // A change stamped later than now was read from the clock before the step:
  // how it relates to the clicks that follow is unknown, so it saves none.
  if (latest_change_ms_ > now_ms) latest_change_ms_ = std::numeric_limits<std::int64_t>::min();
}

std::optional<std::int64_t> DeadClickDetector::next_deadline_ms() const {
  if (pending_.empty()) return std::nullopt;
  std::int64_t earliest = pending_.front().click.time_ms;
  for (const DeadClick& p : pending_) earliest = std::min(earliest, p.click.time_ms);
  return earliest + limits_.window_ms + 1;
}

}  // namespace cairn::recorder
