#include "store/recent_apps.h"

#include <sqlite3.h>

namespace cairn::store {

std::vector<std::string> apps_by_recent_activity(const std::string& db_path, std::size_t recent_rows) {
  std::vector<std::string> apps;
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(db_path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    sqlite3_close(db);
    return apps;
  }
  // The inner query walks the primary key backwards; grouping the few apps
  // it finds by their newest id orders them by last activity.
  const char* sql =
      "SELECT a.app_id FROM (SELECT app, max(id) AS last FROM "
      "(SELECT id, app FROM events ORDER BY id DESC LIMIT ?1) GROUP BY app) r "
      "JOIN event_apps a ON a.id = r.app ORDER BY r.last DESC";
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr) == SQLITE_OK &&
      sqlite3_bind_int64(stmt, 1, static_cast<sqlite3_int64>(recent_rows)) == SQLITE_OK) {
    while (sqlite3_step(stmt) == SQLITE_ROW) {
      apps.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0)));
    }
  }
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  return apps;
}

}  // namespace cairn::store
