// EventRow and EventSource: how stored events reach the analytics engine.
//
// The engine never reads storage itself. A store (the SQLite events store, an
// in-memory source in tests and benchmarks) implements EventSource for one app
// and hands rows over in its own storage order ("arrival order"). Arrival order
// matters: among events of one user with the same timestamp, the earlier
// arrival comes first in the user's timeline (docs/analytics.md, "Timeline").
//
// Threading: EventRow is a value. An EventSource is used by one thread at a
// time (the engine serialises its reads with a mutex of its own).
#pragma once

#include "analytics/property_number.h"

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace cairn::analytics {

// A property value as analytics sees it: a string or a number (integers
// exact, property_number.h). Booleans arrive as the strings "true"/"false";
// objects, arrays and null are not indexed.
using PropertyValue = std::variant<std::string, PropertyNumber>;

struct EventRow {
  std::string user;      // userId, or anonymousId when there is no userId.
  std::int64_t time_ms = 0;  // Event time, ms since the Unix epoch (UTC), skew-corrected.
  std::string event;     // event::analytics_name(): the track name or "$page", ...
  std::vector<std::pair<std::string, PropertyValue>> properties;
  // The store's arrival sequence (the events table rowid), increasing with
  // storage order; 0 = unknown. Lets the index ignore a row it already has
  // (an append racing an index rebuild that already read the row).
  std::uint64_t sequence = 0;
  // Identify events carrying both ids: the anonymousId they link to `user`
  // (the userId); "" for every other event. See EventIndex::append().
  std::string anonymous_id{};
};

// Fills row->properties from a stored properties JSON object: the top-level
// keys in `keys` whose value is a string, a number (a PropertyNumber) or a
// boolean ("true"/"false"); an object under `target` (a clicked element's
// descriptor) becomes its element_summary() text (element_summary.h); other
// types are skipped, unreadable JSON gives no properties. A repeated key
// counts with its last value; keys written with escapes are found.
// (PropertyDecoder, property_decoder.h, does the work without building the
// document.)
void decode_event_properties(std::string_view json_text, const std::vector<std::string>& keys, EventRow* row);

// Threading: AnalyticsEngine reads a property column (scan_properties) while
// a catch-up reads new rows (scan_after) on another thread, so those two may
// run at once; calls are otherwise made one at a time.
class EventSource {
 public:
  virtual ~EventSource() = default;

  // Calls `sink` once for every stored event of the source's app, in arrival
  // order. Only properties whose key is in `property_keys` need to be filled
  // in (a source may skip decoding the others). Returns false and sets
  // `*error` when the store cannot be read; rows already delivered stay valid.
  // May be called many times; each call delivers the events stored at that time.
  virtual bool scan(const std::vector<std::string>& property_keys,
                    const std::function<void(const EventRow&)>& sink, std::string* error) = 0;

  // Like scan(), but delivers only the events with sequence > `after`: what
  // was stored since the row with that sequence, so an index can follow the
  // store without re-reading it. The default scans everything and skips the
  // older rows; a store overrides it to read only the new ones.
  // REQUIRES: the source sets EventRow::sequence.
  virtual bool scan_after(std::uint64_t after, const std::vector<std::string>& property_keys,
                          const std::function<void(const EventRow&)>& sink, std::string* error);

  // What a new property column needs (ColumnRead): the events with
  // after < sequence <= through in arrival order, of which only `sequence`
  // and the properties in `property_keys` must be filled in (user, event and
  // time may be left empty). Rows scan() delivers without a sequence pass
  // through, so the reader can tell. The default filters scan() (after = 0) or
  // scan_after(); a store overrides it to read just those two columns.
  // REQUIRES: the source sets EventRow::sequence.
  virtual bool scan_properties(std::uint64_t after, std::uint64_t through,
                               const std::vector<std::string>& property_keys,
                               const std::function<void(const EventRow&)>& sink, std::string* error);
};

// A source over rows held in memory, for tests, benchmarks and tools.
class MemoryEventSource final : public EventSource {
 public:
  MemoryEventSource() = default;
  explicit MemoryEventSource(std::vector<EventRow> rows) : rows_(std::move(rows)) {}

  void add(EventRow row) { rows_.push_back(std::move(row)); }
  const std::vector<EventRow>& rows() const { return rows_; }

  bool scan(const std::vector<std::string>& property_keys,
            const std::function<void(const EventRow&)>& sink, std::string* error) override;

 private:
  std::vector<EventRow> rows_;
};

}  // namespace cairn::analytics
