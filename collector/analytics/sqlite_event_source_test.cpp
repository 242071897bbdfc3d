// SqliteEventSource over the collector store's layout (collector/store/schema.cpp).
#include "analytics/sqlite_event_source.h"

#include <catch2/catch.hpp>
#include <sqlite3.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>

namespace cairn::analytics {
namespace {

struct TempDb {
  std::string path = "/tmp/cairn-analytics-source-" + std::to_string(::getpid()) + ".db";
  TempDb() {
    std::filesystem::remove(path);
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
    const char* sql = R"sql(
      CREATE TABLE event_apps (id INTEGER PRIMARY KEY, app_id TEXT NOT NULL UNIQUE);
      CREATE TABLE event_names (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
      CREATE TABLE event_users (id INTEGER PRIMARY KEY, app INTEGER NOT NULL, user TEXT NOT NULL);
      CREATE TABLE events (id INTEGER PRIMARY KEY, app INTEGER NOT NULL, user INTEGER NOT NULL,
        time_ms INTEGER NOT NULL, received_ms INTEGER NOT NULL, type INTEGER NOT NULL, name INTEGER NOT NULL,
        message_id TEXT NOT NULL, anonymous_id TEXT, properties TEXT, extra TEXT);
      INSERT INTO event_apps VALUES (1, 'shop'), (2, 'other');
      INSERT INTO event_names VALUES (1, 'buy'), (2, '$page');
      INSERT INTO event_users VALUES (1, 1, 'alice'), (2, 1, 'bob'), (3, 2, 'carol');
      INSERT INTO events (app, user, time_ms, received_ms, type, name, message_id, properties) VALUES
        (1, 2, 20, 20, 0, 1, 'm1', '{"plan":"pro","seats":3,"trial":true,"nested":{"a":1}}'),
        (2, 3, 5, 5, 0, 1, 'm2', '{"plan":"free"}'),
        (1, 1, 10, 10, 1, 2, 'm3', NULL),
        (1, 1, 30, 30, 0, 1, 'm4', 'not json');
    )sql";
    REQUIRE(sqlite3_exec(db, sql, nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(db);
  }
  ~TempDb() { std::filesystem::remove(path); }
};

TEST_CASE("sqlite source yields one app's rows in arrival order with the requested properties") {
  TempDb db;
  SqliteEventSource source(db.path, "shop");
  std::vector<EventRow> rows;
  std::string error;
  REQUIRE(source.scan({"plan", "seats", "trial", "nested"}, [&](const EventRow& r) { rows.push_back(r); }, &error));
  REQUIRE(rows.size() == 3);
  CHECK(rows[0].user == "bob");
  CHECK(rows[0].event == "buy");
  CHECK(rows[0].time_ms == 20);
  CHECK(rows[0].sequence == 1);
  using P = std::pair<std::string, PropertyValue>;
  CHECK(rows[0].properties == std::vector<P>{{"plan", std::string("pro")}, {"seats", 3.0}, {"trial", std::string("true")}});
  CHECK(rows[1].user == "alice");
  CHECK(rows[1].event == "$page");
  CHECK(rows[1].properties.empty());
  CHECK(rows[2].properties.empty());  // Unreadable JSON: no properties, row kept.
  CHECK(rows[2].sequence == 4);
}

TEST_CASE("sqlite source scan_after reads only the app's rows stored after an id") {
  TempDb db;
  SqliteEventSource source(db.path, "shop");
  std::vector<EventRow> rows;
  std::string error;
  auto collect = [&](const EventRow& r) { rows.push_back(r); };
  REQUIRE(source.scan_after(1, {"plan"}, collect, &error));
  REQUIRE(rows.size() == 2);  // Row 2 is the other app's.
  CHECK(rows[0].sequence == 3);
  CHECK(rows[0].user == "alice");
  CHECK(rows[0].event == "$page");
  CHECK(rows[0].time_ms == 10);
  CHECK(rows[1].sequence == 4);
  CHECK(rows[1].event == "buy");
  rows.clear();
  REQUIRE(source.scan_after(0, {"plan"}, collect, &error));
  REQUIRE(rows.size() == 3);
  CHECK(rows[0].properties == std::vector<std::pair<std::string, PropertyValue>>{{"plan", std::string("pro")}});
  rows.clear();
  REQUIRE(source.scan_after(4, {}, collect, &error));
  CHECK(rows.empty());
  SqliteEventSource unknown(db.path, "nobody");
  CHECK(unknown.scan_after(0, {}, collect, &error));
  CHECK(rows.empty());
}

TEST_CASE("sqlite source: an identify event's anonymousId links it, other events' do not") {
  TempDb db;
  sqlite3* handle = nullptr;
  REQUIRE(sqlite3_open(db.path.c_str(), &handle) == SQLITE_OK);
  REQUIRE(sqlite3_exec(handle, "INSERT INTO events (app, user, time_ms, received_ms, type, name, message_id, anonymous_id) "
                               "VALUES (1, 1, 40, 40, 3, 1, 'm5', 'anon-a'), (1, 2, 50, 50, 0, 1, 'm6', 'anon-b')",
                       nullptr, nullptr, nullptr) == SQLITE_OK);
  sqlite3_close(handle);
  SqliteEventSource source(db.path, "shop");
  std::string error;
  for (bool after : {false, true}) {
    std::vector<EventRow> rows;
    auto collect = [&](const EventRow& r) { rows.push_back(r); };
    const bool read = after ? source.scan_after(3, {}, collect, &error) : source.scan({}, collect, &error);
    REQUIRE(read);
    REQUIRE(rows.size() >= 3);
    const EventRow& identify = rows[rows.size() - 2];
    CHECK(identify.user == "alice");
    CHECK(identify.anonymous_id == "anon-a");
    CHECK(rows.back().anonymous_id.empty());  // A track with both ids: kept in the store, no link.
    CHECK(rows.front().anonymous_id.empty());
  }
}

TEST_CASE("sqlite source: unknown app is empty, a missing database is an error") {
  TempDb db;
  std::string error;
  int count = 0;
  SqliteEventSource unknown(db.path, "nobody");
  CHECK(unknown.scan({}, [&](const EventRow&) { ++count; }, &error));
  CHECK(count == 0);
  SqliteEventSource missing("/nonexistent/dir/events.db", "shop");
  CHECK_FALSE(missing.scan({}, [&](const EventRow&) { ++count; }, &error));
  CHECK(error.find("cannot open") != std::string::npos);
}

}  // namespace
}  // namespace cairn::analytics
