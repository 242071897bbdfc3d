#include "store/schema.h"

#include <catch2/catch.hpp>
#include <sqlite3.h>

#include <string>

namespace cs = cairn::store;

namespace {

struct MemoryDb {
  sqlite3* db = nullptr;
  MemoryDb() { sqlite3_open(":memory:", &db); }
  ~MemoryDb() { sqlite3_close(db); }
  std::int64_t count(const char* sql) {
    sqlite3_stmt* stmt = nullptr;
    std::int64_t out = -1;
    if (sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr) == SQLITE_OK && sqlite3_step(stmt) == SQLITE_ROW) {
      out = sqlite3_column_int64(stmt, 0);
    }
    sqlite3_finalize(stmt);
    return out;
  }
};

}  // namespace

TEST_CASE("migrate_event_schema creates every table and index, idempotently") {
  MemoryDb m;
  CHECK(cs::migrate_event_schema(m.db).empty());
  CHECK(cs::migrate_event_schema(m.db).empty());
  CHECK(m.count("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name IN "
                "('event_apps', 'event_names', 'event_users', 'events', 'people', 'event_schema_version')") == 6);
  CHECK(m.count("SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND name IN "
                "('events_by_message', 'events_by_user_time', 'events_by_name_time', "
                "'events_identify_by_user', 'events_identify_by_anonymous', 'people_by_recency')") == 6);
  CHECK(m.count("SELECT COUNT(*) FROM event_schema_version") == 1);
  CHECK(m.count("SELECT version FROM event_schema_version") == cs::kEventSchemaVersion);
}

TEST_CASE("migrate_event_schema refuses a database from a newer schema") {
  MemoryDb m;
  REQUIRE(cs::migrate_event_schema(m.db).empty());
  REQUIRE(sqlite3_exec(m.db, "UPDATE event_schema_version SET version = 99", nullptr, nullptr, nullptr) ==
          SQLITE_OK);
  std::string error = cs::migrate_event_schema(m.db);
  CHECK(error.find("newer Cairn (schema 99") != std::string::npos);
  CHECK(sqlite3_get_autocommit(m.db));  // Rolled back, no transaction left open.
}

TEST_CASE("message ids are unique per app in the schema itself") {
  MemoryDb m;
  REQUIRE(cs::migrate_event_schema(m.db).empty());
  const char* insert = "INSERT INTO events (app, user, time_ms, received_ms, type, name, message_id) "
                       "VALUES (%d, 1, 0, 0, 0, 1, 'm')";
  char sql[256];
  std::snprintf(sql, sizeof sql, insert, 1);
  CHECK(sqlite3_exec(m.db, sql, nullptr, nullptr, nullptr) == SQLITE_OK);
  CHECK(sqlite3_exec(m.db, sql, nullptr, nullptr, nullptr) == SQLITE_CONSTRAINT);
  std::snprintf(sql, sizeof sql, insert, 2);
  CHECK(sqlite3_exec(m.db, sql, nullptr, nullptr, nullptr) == SQLITE_OK);
}

TEST_CASE("migrate_event_schema upgrades a version 1 database with erased_messages") {
  MemoryDb m;
  REQUIRE(cs::migrate_event_schema(m.db).empty());
  REQUIRE(sqlite3_exec(m.db, "DROP TABLE erased_messages; UPDATE event_schema_version SET version = 1", nullptr,
                       nullptr, nullptr) == SQLITE_OK);
  CHECK(cs::migrate_event_schema(m.db).empty());
  CHECK(m.count("SELECT COUNT(*) FROM sqlite_master WHERE name = 'erased_messages'") == 1);
  CHECK(m.count("SELECT version FROM event_schema_version") == cs::kEventSchemaVersion);
}

TEST_CASE("migrate_event_schema adds the identify indexes to a database with events, filled") {
  MemoryDb m;
  REQUIRE(cs::migrate_event_schema(m.db).empty());
  // A database of a build before the indexes, holding an identify row and a track row.
  REQUIRE(sqlite3_exec(m.db,
                       "DROP INDEX events_identify_by_user; DROP INDEX events_identify_by_anonymous; "
                       "INSERT INTO events (app, user, time_ms, received_ms, type, name, message_id, anonymous_id) "
                       "VALUES (1, 1, 0, 0, 3, 1, 'm1', 'anon'), (1, 1, 0, 0, 0, 1, 'm2', 'anon')",
                       nullptr, nullptr, nullptr) == SQLITE_OK);
  CHECK(cs::migrate_event_schema(m.db).empty());
  CHECK(m.count("SELECT COUNT(*) FROM events INDEXED BY events_identify_by_anonymous "
                "WHERE app = 1 AND anonymous_id = 'anon' AND type = 3 AND anonymous_id IS NOT NULL") == 1);
  CHECK(m.count("SELECT COUNT(*) FROM events INDEXED BY events_identify_by_user "
                "WHERE app = 1 AND user = 1 AND type = 3 AND anonymous_id IS NOT NULL") == 1);
  CHECK(m.count("SELECT version FROM event_schema_version") == cs::kEventSchemaVersion);
}
