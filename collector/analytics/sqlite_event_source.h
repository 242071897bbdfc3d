// SqliteEventSource: the collector's SQLite events store (collector/store,
// schema.h: dictionary-encoded event_apps, event_users, event_names, and an
// events table in arrival order) as an EventSource for one app, so the
// analytics index can be built at start. It opens its own read-only
// connection per scan, so it reads a consistent snapshot while the store's
// writer keeps committing (WAL).
//
// Arrival order is the events table's rowid (`id`) order. Only the requested
// property keys are decoded from each row's properties JSON; strings and
// numbers are kept, booleans become "true"/"false", other JSON types are
// skipped. scan_after() reads only the rows stored after a given id, for
// keeping an index current after each commit.
//
// Threading: scans may run at once (each has its own connection and snapshot).
#pragma once

#include "analytics/event_row.h"

#include <string>

namespace cairn::analytics {

class SqliteEventSource final : public EventSource {
 public:
  SqliteEventSource(std::string database_path, std::string app_id)
      : path_(std::move(database_path)), app_id_(std::move(app_id)) {}

  bool scan(const std::vector<std::string>& property_keys,
            const std::function<void(const EventRow&)>& sink, std::string* error) override;
  // Reads only rows with id > `after` (a rowid range), names and users joined
  // per row: the cost follows the new rows, not the table.
  bool scan_after(std::uint64_t after, const std::vector<std::string>& property_keys,
                  const std::function<void(const EventRow&)>& sink, std::string* error) override;
  // Reads only id and properties of the rows in the id range (no user or
  // name lookups), decoding the wanted keys with one PropertyDecoder.
  bool scan_properties(std::uint64_t after, std::uint64_t through, const std::vector<std::string>& property_keys,
                       const std::function<void(const EventRow&)>& sink, std::string* error) override;

 private:
  std::string path_;
  std::string app_id_;
};

}  // namespace cairn::analytics
