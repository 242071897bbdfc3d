// SqliteEventSource over the collector store's layout (collector/store/schema.cpp),
// and an engine adding columns from it.
#include "analytics/sqlite_event_source.h"

#include "analytics/analytics_engine.h"
#include "analytics/event_generator.h"
#include "analytics/funnel_json.h"

#include <boost/json/serialize.hpp>
#include <catch2/catch.hpp>
#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <random>
#include <unordered_map>

namespace cairn::analytics {
namespace {

// The store's tables as the source reads them.
constexpr const char* kStoreTables = R"sql(
  CREATE TABLE event_apps (id INTEGER PRIMARY KEY, app_id TEXT NOT NULL UNIQUE);
  CREATE TABLE event_names (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
  CREATE TABLE event_users (id INTEGER PRIMARY KEY, app INTEGER NOT NULL, user TEXT NOT NULL);
  CREATE TABLE events (id INTEGER PRIMARY KEY, app INTEGER NOT NULL, user INTEGER NOT NULL,
    time_ms INTEGER NOT NULL, received_ms INTEGER NOT NULL, type INTEGER NOT NULL, name INTEGER NOT NULL,
    message_id TEXT NOT NULL, anonymous_id TEXT, properties TEXT, extra TEXT);
)sql";

struct TempDb {
  std::string path = "/tmp/cairn-analytics-source-" + std::to_string(::getpid()) + ".db";
  TempDb() {
    std::filesystem::remove(path);
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
    REQUIRE(sqlite3_exec(db, kStoreTables, nullptr, nullptr, nullptr) == SQLITE_OK);
    const char* sql = R"sql(
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

TEST_CASE("sqlite source scan_properties: the same sequences and values as scan, in an id range") {
  TempDb db;
  sqlite3* handle = nullptr;
  REQUIRE(sqlite3_open(db.path.c_str(), &handle) == SQLITE_OK);
  // Late events (earlier times stored later), an escaped key, the key nested
  // deeper, a repeated key, empty texts, and the other app in between.
  REQUIRE(sqlite3_exec(handle, R"sql(
    INSERT INTO events (app, user, time_ms, received_ms, type, name, message_id, properties) VALUES
      (1, 1, 3, 40, 0, 1, 'm5', '{"pl\u0061n":"escaped","seats":"2"}'),
      (2, 3, 1, 41, 0, 1, 'm6', '{"plan":"other app"}'),
      (1, 2, 2, 42, 0, 2, 'm7', '{"x":{"plan":"deep"},"y":[{"plan":1}],"seats":[3]}'),
      (1, 1, 1, 43, 0, 1, 'm8', '{"plan":"first","seats":1,"plan":"last"}'),
      (1, 2, 50, 44, 0, 1, 'm9', ''),
      (1, 2, 60, 45, 0, 1, 'm10', '{}'),
      (1, 1, 0, 46, 0, 2, 'm11', '{"plan":true,"seats":-1.5e0,"trial":{"plan":"x"}}');
  )sql", nullptr, nullptr, nullptr) == SQLITE_OK);
  sqlite3_close(handle);
  SqliteEventSource source(db.path, "shop");
  const std::vector<std::string> keys{"plan", "seats"};
  std::string error;
  std::vector<EventRow> scanned, read;
  REQUIRE(source.scan(keys, [&](const EventRow& r) { scanned.push_back(r); }, &error));
  REQUIRE(source.scan_properties(0, 1000, keys, [&](const EventRow& r) { read.push_back(r); }, &error));
  REQUIRE(scanned.size() == 9);
  REQUIRE(read.size() == scanned.size());
  for (std::size_t i = 0; i < read.size(); ++i) {
    INFO("row " << i);
    CHECK(read[i].sequence == scanned[i].sequence);
    CHECK(read[i].properties == scanned[i].properties);
  }
  using P = std::vector<std::pair<std::string, PropertyValue>>;
  CHECK(read[3].properties == P{{"plan", std::string("escaped")}, {"seats", std::string("2")}});
  CHECK(read[4].properties.empty());  // Only nested: no top-level value.
  CHECK(read[5].properties == P{{"plan", std::string("last")}, {"seats", 1.0}});
  CHECK(read[6].properties.empty());
  CHECK(read[8].properties == P{{"plan", std::string("true")}, {"seats", -1.5}});
  // after < id <= through, the other app's rows left out.
  read.clear();
  REQUIRE(source.scan_properties(4, 7, keys, [&](const EventRow& r) { read.push_back(r); }, &error));
  REQUIRE(read.size() == 2);
  CHECK(read[0].sequence == 5);
  CHECK(read[1].sequence == 7);
  read.clear();
  REQUIRE(source.scan_properties(11, 20, keys, [&](const EventRow& r) { read.push_back(r); }, &error));
  CHECK(read.empty());
  SqliteEventSource missing("/nonexistent/dir/events.db", "shop");
  CHECK_FALSE(missing.scan_properties(0, 10, keys, [&](const EventRow& r) { read.push_back(r); }, &error));
  CHECK(error.find("cannot open") != std::string::npos);
}

TEST_CASE("the default scan_properties filters scan by sequence range") {
  std::vector<EventRow> rows(4);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    rows[i].sequence = 10 + i;
    rows[i].properties.emplace_back("plan", static_cast<double>(i));
  }
  MemoryEventSource source(rows);
  std::vector<std::uint64_t> sequences;
  std::string error;
  auto collect = [&](const EventRow& r) { sequences.push_back(r.sequence); };
  REQUIRE(source.scan_properties(0, 12, {"plan"}, collect, &error));
  CHECK(sequences == std::vector<std::uint64_t>{10, 11, 12});
  sequences.clear();
  REQUIRE(source.scan_properties(10, 100, {"plan"}, collect, &error));
  CHECK(sequences == std::vector<std::uint64_t>{11, 12, 13});
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

// Columns added from the store (scan_properties and its PropertyDecoder)
// answer like an index rebuilt from the same file: late events, keys written
// with escapes, the key nested deeper, repeated keys, rows without properties.

// The i-th row's properties text: its generated properties, spelled in one
// of several ways that must all read the same.
std::string properties_text(const EventRow& row, std::size_t i) {
  if (i % 17 == 0) return "";  // No properties at all.
  std::string text = "{";
  if (i % 11 == 0) text += R"("nested":{"plan":"deep","count":99},)";
  if (i % 13 == 0) {  // Each key twice: the last value counts.
    for (const auto& property : row.properties) text += '"' + property.first + R"(":"decoy",)";
  }
  bool first = true;
  for (const auto& [key, value] : row.properties) {
    if (!first) text += ',';
    first = false;
    // Every 7th row spells its keys with \u escapes.
    if (i % 7 == 0) {
      text += '"';
      for (char c : key) text += "\\u00" + std::string(1, "0123456789abcdef"[(c >> 4) & 15]) + "0123456789abcdef"[c & 15];
      text += '"';
    } else {
      text += '"' + key + '"';
    }
    text += ':';
    if (const std::string* s = std::get_if<std::string>(&value)) text += '"' + *s + '"';
    else text += std::to_string(static_cast<long long>(std::get<PropertyNumber>(value).to_double()));
  }
  if (text.back() == ',') text.pop_back();
  return text + "}";
}

struct GeneratedStore {
  std::string path = "/tmp/cairn-analytics-column-read-" + std::to_string(::getpid()) + ".db";

  GeneratedStore() {
    std::filesystem::remove(path);
    GeneratorOptions options;
    options.seed = 23;
    options.users = 60;
    options.events = 4000;
    options.equal_time_chance = 0.15;
    GeneratedEventSource generated(options);
    std::vector<EventRow> rows;
    std::string error;
    REQUIRE(generated.scan({}, [&](const EventRow& r) { rows.push_back(r); }, &error));
    std::mt19937 rng(3);  // Late events: arrival order shuffled within windows.
    for (std::size_t start = 0; start < rows.size(); start += 300) {
      std::shuffle(rows.begin() + static_cast<std::ptrdiff_t>(start),
                   rows.begin() + static_cast<std::ptrdiff_t>(std::min(rows.size(), start + 300)), rng);
    }
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
    REQUIRE(sqlite3_exec(db, kStoreTables, nullptr, nullptr, nullptr) == SQLITE_OK);
    REQUIRE(sqlite3_exec(db, R"sql(
      INSERT INTO event_apps VALUES (1, 'shop'), (2, 'other');
      BEGIN;
    )sql", nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_stmt* insert = nullptr;
    REQUIRE(sqlite3_prepare_v2(db,
                               "INSERT INTO events (app, user, time_ms, received_ms, type, name, message_id, properties) "
                               "VALUES (?1, ?2, ?3, ?3, 0, ?4, ?5, ?6)",
                               -1, &insert, nullptr) == SQLITE_OK);
    std::unordered_map<std::string, int> users, names;
    auto id_of = [](std::unordered_map<std::string, int>* ids, const std::string& text) {
      return ids->try_emplace(text, static_cast<int>(ids->size()) + 1).first->second;
    };
    for (std::size_t i = 0; i < rows.size(); ++i) {
      const std::string text = properties_text(rows[i], i);
      const std::string message = "m" + std::to_string(i);
      sqlite3_bind_int(insert, 1, i % 29 == 0 ? 2 : 1);  // Some rows of another app in between.
      sqlite3_bind_int(insert, 2, id_of(&users, rows[i].user));
      sqlite3_bind_int64(insert, 3, rows[i].time_ms);
      sqlite3_bind_int(insert, 4, id_of(&names, rows[i].event));
      sqlite3_bind_text(insert, 5, message.c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text(insert, 6, text.c_str(), -1, SQLITE_TRANSIENT);
      REQUIRE(sqlite3_step(insert) == SQLITE_DONE);
      sqlite3_reset(insert);
    }
    sqlite3_finalize(insert);
    sqlite3_stmt* dictionary = nullptr;
    for (const auto& [table, ids] : {std::pair{"event_users", &users}, std::pair{"event_names", &names}}) {
      const std::string sql = std::string("INSERT INTO ") + table +
                              (table == std::string("event_users") ? " VALUES (?1, 1, ?2)" : " VALUES (?1, ?2)");
      REQUIRE(sqlite3_prepare_v2(db, sql.c_str(), -1, &dictionary, nullptr) == SQLITE_OK);
      for (const auto& [text, id] : *ids) {
        sqlite3_bind_int(dictionary, 1, id);
        sqlite3_bind_text(dictionary, 2, text.c_str(), -1, SQLITE_TRANSIENT);
        REQUIRE(sqlite3_step(dictionary) == SQLITE_DONE);
        sqlite3_reset(dictionary);
      }
      sqlite3_finalize(dictionary);
    }
    REQUIRE(sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(db);
  }
  ~GeneratedStore() { std::filesystem::remove(path); }
};

std::string breakdown_answer(AnalyticsEngine& engine, const std::string& key) {
  FunnelQuery q;
  for (const std::string& n : generated_funnel_names()) q.steps.push_back(EventCondition{n, {}});
  q.window_ms = 6 * 3600 * 1000;
  q.breakdown = FunnelBreakdown{key, 10};
  std::string error;
  auto result = engine.funnel(q, &error);
  REQUIRE(result);
  return boost::json::serialize(write_funnel_result(*result, q));
}

TEST_CASE("columns added from the SQLite store answer like an index rebuilt from it") {
  GeneratedStore store;
  SqliteEventSource attach_source(store.path, "shop"), rebuild_source(store.path, "shop");
  AnalyticsEngine attach(attach_source, AnalyticsEngine::Options{2, 0});
  AnalyticsEngine::Options old_path{2, 0};
  old_path.rebuild_for_new_columns = true;
  AnalyticsEngine rebuild(rebuild_source, old_path);
  std::string error;
  REQUIRE(attach.start(&error));
  REQUIRE(rebuild.start(&error));
  for (const std::string key : {"plan", "count"}) {
    INFO(key);
    const std::string added = breakdown_answer(attach, key);
    CHECK(added == breakdown_answer(rebuild, key));
    CHECK(added.find("decoy") == std::string::npos);  // A repeated key's first value.
    CHECK(added.find("deep") == std::string::npos);   // A nested key of the same name.
  }
  CHECK(attach.stats().columns_added == 2);
  CHECK(attach.stats().rebuilds == 1);  // Only the start.
}

}  // namespace
}  // namespace cairn::analytics
