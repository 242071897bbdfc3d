// Reading the events tables from the admin connection: one read transaction
// (a WAL snapshot) over several reads, so they all see the same events, and
// the app's row id those tables key on. The caller holds the connection's lock.
#pragma once

#include "admin/database.h"

#include <sqlite3.h>

#include <cstdint>
#include <optional>
#include <string>

namespace cairn::people {

// None when the connection is inside a transaction already.
class ReadSnapshot {
 public:
  explicit ReadSnapshot(admin::Database& db) : db_(db), began_(sqlite3_get_autocommit(db.handle()) && db.exec("BEGIN")) {}
  ~ReadSnapshot() {
    if (began_ && !db_.exec("COMMIT")) db_.exec("ROLLBACK");
  }
  ReadSnapshot(const ReadSnapshot&) = delete;
  ReadSnapshot& operator=(const ReadSnapshot&) = delete;

 private:
  admin::Database& db_;
  bool began_;
};

// The event_apps.id of `app_id` in `*app`, nullopt when no event of the app is
// stored. False (with `*error`) when the database cannot be read.
inline bool find_event_app(admin::Database& db, const std::string& app_id, std::optional<std::int64_t>* app,
                           std::string* error) {
  admin::Statement find_app(db.handle(), "SELECT id FROM event_apps WHERE app_id = ?1");
  const bool found = find_app.bind(1, app_id).step();
  if (find_app.failed()) {
    *error = "cannot read the events: " + db.error();
    return false;
  }
  *app = found ? std::optional<std::int64_t>(find_app.integer(0)) : std::nullopt;
  return true;
}

}  // namespace cairn::people
