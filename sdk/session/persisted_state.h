// PersistedState: what a GuideSession keeps across page loads, so a multi-page
// guide resumes after a reload and frequency caps hold across visits. The
// session hands it out as JSON in PersistState commands and takes it back in
// restore(); persisted_state_codec.h is its only reader and writer.
//
// It holds, per user: the guide history (when each guide was seen, completed,
// dismissed; checklist progress) that frequency caps and "seen/completed
// another guide" audiences read; which guides are running and at which step;
// and the browsing-session counter that "every session" caps count in.
//
// Every list is bounded (named limits below) so the state stays small in
// localStorage whatever the user does.
//
// Threading: plain values.
#pragma once

#include "rules/context.h"

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace cairn::session {

// The format version this build writes and reads. Any other version is
// ignored on restore (fresh start) rather than guessed at.
inline constexpr std::int64_t kPersistedStateVersion = 1;

// A browsing session ends after this long without any input; the next input
// starts a new one (the analytics convention).
inline constexpr std::int64_t kSessionIdleMs = 30 * 60 * 1000;

inline constexpr std::size_t kMaxHistoryGuides = 500;      // least recently used dropped beyond
inline constexpr std::size_t kMaxCheckedItems = 20;        // = guide::kMaxChecklistItems
inline constexpr std::size_t kMaxActiveGuides = 20;        // one modal-type + stacking ones
inline constexpr std::size_t kMaxEventNames = 200;         // counted custom events
// The newest kept per name: one more than an event-count audience may ask for
// (guide::kMaxEventCount), so "at most 100" tells 100 events from 101 or more.
inline constexpr std::size_t kMaxEventTimesPerName = 101;

// A guide that was running when the state was written.
struct ActiveGuideState {
  std::string guide_id;
  std::int64_t guide_version = 0;
  std::size_t step_index = 0;
  std::string variant;            // experiment arm; empty when none
  bool guide_seen_recorded = false;  // cairn_guide_seen already sent
  bool step_seen_recorded = false;   // cairn_step_seen sent for this visit of step_index
  bool target_missing_recorded = false;  // cairn_target_missing sent for this visit
  bool launched_manually = false;
  bool suspended = false;         // paused by a guide launched from its checklist
  // When a tab last moved it (started it, changed its step, paused or resumed
  // it): of two tabs' copies of one run the later one holds
  // (GuideSession::merge_other_tab). 0 in states of earlier SDK versions.
  std::int64_t changed_ms = 0;

  bool operator==(const ActiveGuideState&) const = default;
};

struct PersistedState {
  std::string user_id;            // whose history this is; "" before identify
  // The device's anonymous id when written: it tells one anonymous visitor
  // from the next (reset() draws a new one). "" in states of earlier SDK
  // versions and when none was known (same_visitor() then trusts user_id).
  std::string anonymous_id;
  std::int64_t session_number = 0;  // 0: no session started yet
  std::int64_t last_activity_ms = 0;
  // Seen / completed / dismissed per guide (the rule engine's record, so
  // frequency caps and guide-history audiences read it directly). Session ids
  // in it are session numbers in decimal.
  rules::GuideHistory history;
  // Checklist items the user ticked, by checklist guide id.
  std::map<std::string, std::vector<std::string>> checked_items;
  std::vector<ActiveGuideState> active;
  // Timestamps of the user's own custom events, per name, for event-count audiences.
  std::map<std::string, std::vector<std::int64_t>> event_times;

  // Spelled out because rules::GuideHistory has no operator== of its own.
  bool operator==(const PersistedState& o) const {
    return user_id == o.user_id && anonymous_id == o.anonymous_id && session_number == o.session_number &&
           last_activity_ms == o.last_activity_ms && history.guides == o.history.guides &&
           checked_items == o.checked_items && active == o.active && event_times == o.event_times;
  }
};

}  // namespace cairn::session
