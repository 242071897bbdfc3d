#include "session/tab_state_merge.h"

#include <algorithm>
#include <iterator>

namespace cairn::session {
namespace {

// The sorted union of two ascending lists (a time in both kept once per copy
// in the longer), its newest `limit`.
void merge_times(std::vector<std::int64_t>& into, const std::vector<std::int64_t>& other,
                 std::size_t limit) {
  std::vector<std::int64_t> out;
  std::set_union(into.begin(), into.end(), other.begin(), other.end(), std::back_inserter(out));
  if (out.size() > limit) out.erase(out.begin(), out.end() - static_cast<std::ptrdiff_t>(limit));
  into = std::move(out);
}

void keep_later(std::optional<std::int64_t>& into, const std::optional<std::int64_t>& other) {
  if (other && (!into || *other > *into)) into = other;
}

void merge_record(rules::GuideRecord& into, const rules::GuideRecord& other) {
  if (other.last_seen_ms && (!into.last_seen_ms || *other.last_seen_ms > *into.last_seen_ms)) {
    into.last_seen_session = other.last_seen_session;
  }
  into.seen_count = std::max(into.seen_count, other.seen_count);
  into.completed_count = std::max(into.completed_count, other.completed_count);
  into.dismissed_count = std::max(into.dismissed_count, other.dismissed_count);
  into.held_out_count = std::max(into.held_out_count, other.held_out_count);
  keep_later(into.last_seen_ms, other.last_seen_ms);
  keep_later(into.last_completed_ms, other.last_completed_ms);
  keep_later(into.last_dismissed_ms, other.last_dismissed_ms);
  merge_times(into.recent_starts_ms, other.recent_starts_ms, rules::GuideRecord::kMaxRecentStarts);
}

}  // namespace

bool same_visitor(const PersistedState& state, std::string_view user_id, std::string_view anonymous_id) {
  if (!state.user_id.empty() && !user_id.empty()) return state.user_id == user_id;
  return state.anonymous_id.empty() || anonymous_id.empty() || state.anonymous_id == anonymous_id;
}

void merge_tab_state(PersistedState& into, const PersistedState& other) {
  into.session_number = std::max(into.session_number, other.session_number);
  // Beyond a cap a new entry stays out (the other tab keeps its own record).
  for (const auto& [id, record] : other.history.guides) {
    if (into.history.guides.size() < kMaxHistoryGuides || into.history.find(id)) {
      merge_record(into.history.guides[id], record);
    }
  }
  for (const auto& [id, items] : other.checked_items) {
    if (into.checked_items.size() >= kMaxHistoryGuides && into.checked_items.find(id) == into.checked_items.end()) continue;
    std::vector<std::string>& mine = into.checked_items[id];
    for (const std::string& item : items) {
      if (mine.size() < kMaxCheckedItems && std::find(mine.begin(), mine.end(), item) == mine.end()) {
        mine.push_back(item);
      }
    }
  }
  for (const auto& [name, times] : other.event_times) {
    if (into.event_times.size() >= kMaxEventNames && into.event_times.find(name) == into.event_times.end()) continue;
    merge_times(into.event_times[name], times, kMaxEventTimesPerName);
  }
}

}  // namespace cairn::session
