#include "session/recent_events.h"

#include "guide/guide.h"

#include <algorithm>

namespace cairn::session {

// One time more than the largest count an audience may ask for keeps every
// allowed "at least" / "at most" exact.
static_assert(kMaxEventTimesPerName == static_cast<std::size_t>(guide::kMaxEventCount) + 1);

void RecentEvents::add(std::string_view event, std::int64_t time_ms) {
  auto it = times_->find(std::string(event));
  if (it == times_->end()) {
    if (times_->size() >= kMaxEventNames) return;
    it = times_->emplace(std::string(event), std::vector<std::int64_t>()).first;
  }
  std::vector<std::int64_t>& times = it->second;
  rules::insert_time(times, time_ms);
  if (times.size() > kMaxEventTimesPerName) times.erase(times.begin());
}

std::int64_t RecentEvents::count(std::string_view event, std::int64_t from_ms,
                                 std::int64_t to_ms) const {
  auto it = times_->find(std::string(event));
  if (it == times_->end() || from_ms > to_ms) return 0;
  const std::vector<std::int64_t>& times = it->second;
  return std::upper_bound(times.begin(), times.end(), to_ms) -
         std::lower_bound(times.begin(), times.end(), from_ms);
}

}  // namespace cairn::session
