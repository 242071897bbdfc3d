// EventIndex: one app's events in memory, column by column, per user in
// timeline order, so that funnels and reports read a user's events as a few
// contiguous arrays instead of rows.
//
// Every user, event name and property value is dictionary-encoded: a user is a
// dense uint32 id, an event name a uint32 id, and each indexed property a
// column of uint32 value ids into that property's ValueDictionary (id 0 means
// "absent"). The property keys given at construction get a column; a column
// for another key is attached later (attach_columns) from values read from
// the EventSource by arrival position (docs/analytics.md, "Index").
//
// A user's timeline is ordered by (time, arrival): an event appended later with
// the same timestamp comes after the earlier ones, and an event that arrives
// late (an offline queue flushing) is inserted at its place in time.
//
// Identity merge: a person is their userId, or their anonymousId before they
// are identified. An identify event carrying both ids (EventRow::anonymous_id)
// *links* the anonymousId to the userId; from then on every event of that
// anonymousId — those already indexed and those appended later — is the
// userId's. The first link of an anonymousId wins (later links of it to other
// userIds are ignored), and linking is transitive through the dictionary (an
// anonymousId linked to a "userId" that was itself linked joins its target).
// Moving already-indexed events merges the two timelines by time; at equal
// times the userId's events come first. A rebuild replays rows in arrival
// order and so reaches the same timelines as appends did.
//
// Memory: 16 bytes per event (time, name, arrival position) plus 4 per
// indexed property, plus the dictionaries.
//
// Threading: not synchronised. Any number of threads may call const methods
// at once; append() needs exclusive access (AnalyticsEngine holds the lock).
#pragma once

#include "analytics/event_row.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace cairn::analytics {

// The distinct values seen for one property key. Strings and numbers are
// distinct values ("3" is not 3), as in the JSON the SDK sent.
class ValueDictionary {
 public:
  static constexpr std::uint32_t kAbsent = 0;

  ValueDictionary();

  // The id of `value`, adding it if new. Never returns kAbsent.
  std::uint32_t intern(const PropertyValue& value);
  // The id of `value` if it was ever seen.
  std::optional<std::uint32_t> find(const PropertyValue& value) const;
  // Number of ids including the kAbsent slot; valid ids are [0, size()).
  std::size_t size() const { return values_.size(); }
  // REQUIRES: 0 < id < size().
  const PropertyValue& value(std::uint32_t id) const { return values_[id]; }
  std::size_t memory_bytes() const;

 private:
  static std::string key_of(const PropertyValue& value);

  std::vector<PropertyValue> values_;  // values_[0] is a placeholder for kAbsent.
  std::unordered_map<std::string, std::uint32_t> ids_;
};

// One user's events, as parallel columns of equal length.
struct UserTimeline {
  std::vector<std::int64_t> time_ms;
  std::vector<std::uint32_t> name;                    // Event name ids.
  std::vector<std::vector<std::uint32_t>> property;   // [column][event] value ids.
  // Each event's arrival position: how many rows the index had accepted
  // before it. Lets a column read later from the source (in arrival order)
  // find each event's slot, whatever late events and merges did to the order.
  std::vector<std::uint32_t> arrival;

  std::size_t size() const { return time_ms.size(); }
};

class EventIndex {
 public:
  // `property_keys`: the properties that get a column (duplicates ignored).
  explicit EventIndex(std::vector<std::string> property_keys = {});

  EventIndex(const EventIndex&) = delete;
  EventIndex& operator=(const EventIndex&) = delete;
  EventIndex(EventIndex&&) = default;
  EventIndex& operator=(EventIndex&&) = default;

  // Adds one event at its place in the user's timeline (after any events of
  // that user with the same or an earlier time). Properties without a column
  // are ignored. A row with an anonymous_id first links it to row.user (see
  // "Identity merge" above). Increments version(). A row with a sequence not
  // above the highest sequence appended so far is ignored (returns false):
  // the index already holds it.
  bool append(const EventRow& row);

  // Appends every row `source` delivers. Returns false (with `*error`) when the
  // source failed; the rows read before the failure stay appended.
  bool load(EventSource& source, std::string* error);

  // Releases the slack vectors keep after growth; call after a bulk load.
  void shrink_to_fit();

  // Changes whenever the data changes (the number of events appended so far),
  // so cached results can be keyed by it.
  std::uint64_t version() const { return event_count_; }
  std::uint64_t event_count() const { return event_count_; }
  // The highest EventRow::sequence appended (0 when none carried one).
  std::uint64_t max_sequence() const { return max_sequence_; }
  // Rows appended without a sequence. While it is 0, the index holds rows in
  // increasing sequence order, so arrival position k is the k-th row the
  // source delivers (when none was skipped; the caller checks the count).
  std::uint64_t unsequenced_count() const { return unsequenced_count_; }

  // New columns laid out per user: [user][new column][event], in timeline
  // order. `ids_by_arrival[c][k]` is the value id of new column c for the row
  // at arrival position k. Const, so it may run under a shared lock.
  // REQUIRES: every ids_by_arrival[c].size() == event_count().
  using LaidOutColumns = std::vector<std::vector<std::vector<std::uint32_t>>>;
  LaidOutColumns lay_out_columns(const std::vector<std::vector<std::uint32_t>>& ids_by_arrival) const;
  // Adds columns for `keys` (none may have a column yet) with their value
  // dictionaries and the lay_out_columns() result of the current data; moves
  // vectors only, so the exclusive lock is held briefly. Changes no version:
  // existing answers stay valid.
  void attach_columns(std::vector<std::string> keys, std::vector<ValueDictionary> dictionaries,
                      LaidOutColumns laid_out);

  // Users include linked anonymousIds, whose timelines are empty.
  std::size_t user_count() const { return users_.size(); }
  // The number of anonymousIds linked to a userId.
  std::size_t linked_count() const { return linked_count_; }
  // REQUIRES: user < user_count().
  const UserTimeline& timeline(std::uint32_t user) const { return users_[user]; }
  const std::string& user_name(std::uint32_t user) const { return user_names_[user]; }

  std::optional<std::uint32_t> event_name_id(std::string_view name) const;
  std::size_t event_name_count() const { return event_names_.size(); }
  const std::string& event_name(std::uint32_t id) const { return event_names_[id]; }

  const std::vector<std::string>& property_keys() const { return property_keys_; }
  // The column of `key`, if it has one.
  std::optional<std::size_t> property_column(std::string_view key) const;
  // REQUIRES: column < property_keys().size().
  const ValueDictionary& values(std::size_t column) const { return dictionaries_[column]; }

  // Bytes held by columns and dictionaries (capacity, not size).
  std::size_t memory_bytes() const;

 private:
  std::uint32_t user_id_for(const std::string& user);
  void link(const std::string& anonymous_id, const std::string& user);
  std::uint32_t name_id_for(const std::string& name);

  std::vector<std::string> property_keys_;
  std::vector<ValueDictionary> dictionaries_;
  std::vector<UserTimeline> users_;
  std::vector<std::string> user_names_;
  std::unordered_map<std::string, std::uint32_t> user_ids_;
  // Per user: itself, or for a linked anonymousId (whose timeline is then
  // empty) the user it was linked to; user_id_for() follows the chain.
  std::vector<std::uint32_t> merged_into_;
  std::size_t linked_count_ = 0;
  std::vector<std::string> event_names_;
  std::unordered_map<std::string, std::uint32_t> event_name_ids_;
  std::uint64_t event_count_ = 0;
  std::uint64_t max_sequence_ = 0;
  std::uint64_t unsequenced_count_ = 0;
  std::vector<std::uint32_t> scratch_values_;  // Per-append property ids, reused.
};

}  // namespace cairn::analytics
