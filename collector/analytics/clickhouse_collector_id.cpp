#include "analytics/clickhouse_collector_id.h"

#include "clock/wall_clock.h"

#include <sqlite3.h>

#include <chrono>
#include <random>

namespace cairn::analytics {

namespace {

std::string random_hex_id() {
  std::random_device random;
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string id;
  for (int i = 0; i < 4; ++i) {
    std::uint32_t bits = random();
    for (int d = 0; d < 8; ++d, bits >>= 4) id.push_back(kDigits[bits & 15]);
  }
  return id;
}

}  // namespace

std::optional<std::string> replace_collector_id(const std::string& sqlite_path, std::string* error) {
  sqlite3* db = nullptr;
  sqlite3_stmt* remove = nullptr;
  const bool removed =
      sqlite3_open_v2(sqlite_path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr) == SQLITE_OK &&
      sqlite3_busy_timeout(db, 5000) == SQLITE_OK &&
      sqlite3_prepare_v2(db, "DELETE FROM collector_secrets WHERE name = ?1", -1, &remove, nullptr) == SQLITE_OK &&
      sqlite3_bind_text(remove, 1, kClickHouseCollectorIdName, -1, SQLITE_STATIC) == SQLITE_OK &&
      sqlite3_step(remove) == SQLITE_DONE;
  if (!removed) *error = "sqlite: collector_secrets: " + std::string(db ? sqlite3_errmsg(db) : "cannot open");
  sqlite3_finalize(remove);
  sqlite3_close(db);
  if (!removed) return std::nullopt;
  return load_or_create_collector_id(sqlite_path, error);
}

std::optional<std::string> load_or_create_collector_id(const std::string& sqlite_path, std::string* error) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(sqlite_path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr) != SQLITE_OK) {
    *error = "sqlite: cannot open " + sqlite_path + ": " + (db ? sqlite3_errmsg(db) : "out of memory");
    sqlite3_close(db);
    return std::nullopt;
  }
  sqlite3_busy_timeout(db, 5000);
  const std::string fresh = random_hex_id();
  const std::int64_t now_ms = wall_clock_ms();
  std::optional<std::string> id;
  sqlite3_stmt* insert = nullptr;
  sqlite3_stmt* select = nullptr;
  // OR IGNORE: the stored id wins over ours, whoever wrote it first.
  if (sqlite3_prepare_v2(db,
                         "INSERT OR IGNORE INTO collector_secrets (name, value_hex, created_at_ms) VALUES (?1, ?2, ?3)",
                         -1, &insert, nullptr) == SQLITE_OK &&
      sqlite3_prepare_v2(db, "SELECT value_hex FROM collector_secrets WHERE name = ?1", -1, &select, nullptr) ==
          SQLITE_OK) {
    sqlite3_bind_text(insert, 1, kClickHouseCollectorIdName, -1, SQLITE_STATIC);
    sqlite3_bind_text(insert, 2, fresh.c_str(), -1, SQLITE_STATIC);
    sqlite3_bind_int64(insert, 3, now_ms);
    sqlite3_bind_text(select, 1, kClickHouseCollectorIdName, -1, SQLITE_STATIC);
    if (sqlite3_step(insert) == SQLITE_DONE && sqlite3_step(select) == SQLITE_ROW) {
      const unsigned char* text = sqlite3_column_text(select, 0);
      if (text && *text) id = reinterpret_cast<const char*>(text);
    }
  }
  if (!id) *error = std::string("sqlite: collector_secrets: ") + sqlite3_errmsg(db);
  sqlite3_finalize(insert);
  sqlite3_finalize(select);
  sqlite3_close(db);
  return id;
}

}  // namespace cairn::analytics
