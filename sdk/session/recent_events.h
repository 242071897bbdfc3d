// RecentEvents: the user's custom events (track() calls) that event-count
// audiences look at, kept in the persisted state so counts survive reloads.
// Bounded: at most kMaxEventNames names and kMaxEventTimesPerName newest times
// per name (persisted_state.h), so a chatty host cannot grow localStorage.
//
// Threading: an instance is used by one thread; count() is const and may run
// concurrently with other const calls.
#pragma once

#include "rules/context.h"
#include "session/persisted_state.h"

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace cairn::session {

class RecentEvents final : public rules::EventCounts {
 public:
  // REQUIRES: `times` outlives this object; its vectors are kept sorted.
  explicit RecentEvents(std::map<std::string, std::vector<std::int64_t>>& times)
      : times_(&times) {}

  // Adds one occurrence. A name beyond the name cap is not recorded (counts for
  // it stay 0), which under-counts rather than evicting other names.
  void add(std::string_view event, std::int64_t time_ms);

  std::int64_t count(std::string_view event, std::int64_t from_ms,
                     std::int64_t to_ms) const override;

 private:
  std::map<std::string, std::vector<std::int64_t>>* times_;
};

}  // namespace cairn::session
