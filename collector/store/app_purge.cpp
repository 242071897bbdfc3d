#include "store/app_purge.h"

#include "admin/database.h"

#include <iterator>

namespace cairn::store {

namespace {

using admin::Statement;

// The bounded deletes, in purge order. ?1 is the app's event_apps id, ?2
// the rows still allowed in this chunk. Each walks an index led by `app`.
constexpr const char* kChunkDeletes[] = {
    "DELETE FROM events WHERE id IN (SELECT id FROM events WHERE app = ?1 LIMIT ?2)",
    // Before event_users: a freed user id may go to another app's new key,
    // which must not meet this app's people row (people_index.h).
    "DELETE FROM people WHERE user IN (SELECT user FROM people WHERE app = ?1 LIMIT ?2)",
    "DELETE FROM event_users WHERE id IN (SELECT id FROM event_users WHERE app = ?1 LIMIT ?2)",
    "DELETE FROM erased_messages WHERE app = ?1 AND message_id IN "
    "(SELECT message_id FROM erased_messages WHERE app = ?1 LIMIT ?2)",
};

// Once nothing above is left: the app's small per-app rows. ?1 is app_id.
constexpr const char* kFinishDeletes[] = {
    "DELETE FROM person_erasure_ids WHERE seq IN (SELECT seq FROM person_erasures WHERE app_id = ?1)",
    "DELETE FROM person_erasures WHERE app_id = ?1",
    "DELETE FROM event_apps WHERE app_id = ?1",
};

bool table_exists(sqlite3* db, const char* name, bool* exists) {
  Statement s(db, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?1");
  *exists = s.bind(1, name).step();
  return !s.failed();
}

// A database without the admin tables has no app_purges. False with
// `*error` on a storage error.
bool app_purges_exist(sqlite3* db, bool* exists, std::string* error) {
  if (table_exists(db, "app_purges", exists)) return true;
  *error = sqlite3_errmsg(db);
  return false;
}

}  // namespace

std::optional<AppPurges> read_app_purges(sqlite3* db, std::string* error) {
  AppPurges out;
  bool exists = false;
  if (!app_purges_exist(db, &exists, error)) return std::nullopt;
  if (!exists) return out;
  Statement s(db, "SELECT app_id, finished_at_ms IS NULL FROM app_purges ORDER BY deleted_at_ms, app_id");
  while (s.step()) {
    out.all.push_back(s.text(0));
    if (s.integer(1) != 0) out.pending.push_back(out.all.back());
  }
  if (s.failed()) {
    *error = sqlite3_errmsg(db);
    return std::nullopt;
  }
  return out;
}

std::string purge_app_chunk(sqlite3* db, const std::string& app_id, std::size_t max_rows, std::int64_t now_ms,
                            PurgeChunk* out) {
  *out = PurgeChunk{};
  std::optional<std::int64_t> app;
  {
    Statement find(db, "SELECT id FROM event_apps WHERE app_id = ?1");
    if (find.bind(1, app_id).step()) app = find.integer(0);
    if (find.failed()) return sqlite3_errmsg(db);
  }
  if (app) {
    for (std::size_t i = 0; i < std::size(kChunkDeletes); ++i) {
      const std::size_t allowed = max_rows - out->rows;
      Statement del(db, kChunkDeletes[i]);
      if (!del.bind(1, *app).bind(2, static_cast<std::int64_t>(allowed)).run()) return sqlite3_errmsg(db);
      const auto deleted = static_cast<std::size_t>(sqlite3_changes(db));
      if (i == 0) out->events = deleted;
      out->rows += deleted;
      // A full chunk may have left rows of this table: the next chunk looks again.
      if (out->rows >= max_rows) return "";
    }
  }
  for (const char* sql : kFinishDeletes) {
    Statement del(db, sql);
    if (!del.bind(1, app_id).run()) return sqlite3_errmsg(db);
  }
  Statement done(db, "UPDATE app_purges SET finished_at_ms = ?2 WHERE app_id = ?1");
  if (!done.bind(1, app_id).bind(2, now_ms).run()) return sqlite3_errmsg(db);
  out->finished = true;
  return "";
}

std::optional<ClickHousePurges> read_clickhouse_purges(sqlite3* db, std::string* error) {
  ClickHousePurges out;
  bool exists = false;
  if (!app_purges_exist(db, &exists, error)) return std::nullopt;
  if (!exists) return out;
  // One snapshot: the highest id is read after (not before) the purge was
  // seen finished, whatever commits in between.
  if (sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr) != SQLITE_OK) {
    *error = sqlite3_errmsg(db);
    return std::nullopt;
  }
  bool ok = true;
  {
    Statement s(db, "SELECT app_id, finished_at_ms IS NOT NULL FROM app_purges "
                    "WHERE clickhouse_purged_at_ms IS NULL ORDER BY deleted_at_ms, app_id");
    while (s.step()) {
      if (s.integer(1) != 0) out.ready.push_back(s.text(0));
      else ++out.waiting;
    }
    Statement highest(db, "SELECT max((SELECT coalesce(max(id), 0) FROM events), "
                          "(SELECT coalesce(max(max_id), 0) FROM events_high_water))");
    if (highest.step()) out.highest_event_id = highest.integer(0);
    ok = !s.failed() && !highest.failed();
  }
  if (!ok) *error = sqlite3_errmsg(db);
  sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
  if (!ok) return std::nullopt;
  return out;
}

std::string record_clickhouse_purge(sqlite3* db, const std::string& app_id, std::int64_t now_ms) {
  Statement done(db, "UPDATE app_purges SET clickhouse_purged_at_ms = ?2 WHERE app_id = ?1");
  if (!done.bind(1, app_id).bind(2, now_ms).run()) return sqlite3_errmsg(db);
  return "";
}

}  // namespace cairn::store
