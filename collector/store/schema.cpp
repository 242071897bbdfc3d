#include "store/schema.h"

#include "store/people_index.h"

namespace cairn::store {

namespace {

constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS event_apps (
  id INTEGER PRIMARY KEY,
  app_id TEXT NOT NULL UNIQUE
);
CREATE TABLE IF NOT EXISTS event_names (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE
);
CREATE TABLE IF NOT EXISTS event_users (
  id INTEGER PRIMARY KEY,
  app INTEGER NOT NULL,
  user TEXT NOT NULL,
  UNIQUE (app, user)
);
CREATE TABLE IF NOT EXISTS events (
  id INTEGER PRIMARY KEY,
  app INTEGER NOT NULL,
  user INTEGER NOT NULL,
  time_ms INTEGER NOT NULL,
  received_ms INTEGER NOT NULL,
  type INTEGER NOT NULL,
  name INTEGER NOT NULL,
  message_id TEXT NOT NULL,
  anonymous_id TEXT,
  properties TEXT,
  extra TEXT
);
CREATE UNIQUE INDEX IF NOT EXISTS events_by_message ON events(app, message_id);
CREATE INDEX IF NOT EXISTS events_by_user_time ON events(app, user, time_ms);
CREATE INDEX IF NOT EXISTS events_by_name_time ON events(app, name, time_ms);
CREATE INDEX IF NOT EXISTS events_identify_by_user ON events(app, user)
  WHERE type = 3 AND anonymous_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS events_identify_by_anonymous ON events(app, anonymous_id)
  WHERE type = 3 AND anonymous_id IS NOT NULL;
CREATE TABLE IF NOT EXISTS erased_messages (
  app INTEGER NOT NULL,
  message_id TEXT NOT NULL,
  PRIMARY KEY (app, message_id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS person_erasures (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  app_id TEXT NOT NULL,
  user_key TEXT NOT NULL,
  erased_at_ms INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS person_erasures_by_time ON person_erasures(erased_at_ms);
CREATE TABLE IF NOT EXISTS person_erasure_ids (
  seq INTEGER NOT NULL,
  user_key TEXT NOT NULL,
  PRIMARY KEY (seq, user_key)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS replayed_erasures (
  primary_seq INTEGER PRIMARY KEY,
  replayed_at_ms INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS erasure_replay_steps (
  primary_seq INTEGER PRIMARY KEY,
  local_seq INTEGER NOT NULL,
  cut_off_event_id INTEGER NOT NULL,
  last_event_id INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS events_high_water (
  only INTEGER PRIMARY KEY CHECK (only = 1),
  max_id INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS people (
  user INTEGER PRIMARY KEY,
  app INTEGER NOT NULL,
  time_ms INTEGER NOT NULL,
  event_id INTEGER NOT NULL,
  email TEXT,
  name TEXT,
  email_folded TEXT,
  name_folded TEXT,
  email_time_ms INTEGER,
  email_event_id INTEGER,
  name_time_ms INTEGER,
  name_event_id INTEGER
);
CREATE INDEX IF NOT EXISTS people_by_recency ON people(app, time_ms, event_id, email_folded, name_folded);
CREATE TABLE IF NOT EXISTS write_probes (
  only INTEGER PRIMARY KEY CHECK (only = 1),
  at_ms INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS event_schema_version (version INTEGER NOT NULL);
)sql";

std::string exec(sqlite3* db, const char* sql) {
  char* message = nullptr;
  if (sqlite3_exec(db, sql, nullptr, nullptr, &message) == SQLITE_OK) return "";
  std::string out = message ? message : sqlite3_errmsg(db);
  sqlite3_free(message);
  return out;
}

// Version 4 merges identify traits (people_index.h): a version 3 people
// table gets the columns naming the identify that set each trait. Its rows
// held the latest identify's email and name, so a trait there was set by
// that identify; an empty one is left to the backfill (the latest identify
// may not have named it). "" or SQLite's reason.
std::string add_trait_stamps(sqlite3* db) {
  sqlite3_stmt* q = nullptr;
  if (sqlite3_prepare_v2(db, "SELECT count(*) FROM pragma_table_info('people') WHERE name = 'email_time_ms'", -1, &q,
                         nullptr) != SQLITE_OK) {
    return sqlite3_errmsg(db);
  }
  const int rc = sqlite3_step(q);
  const bool has = rc == SQLITE_ROW && sqlite3_column_int64(q, 0) > 0;
  sqlite3_finalize(q);
  if (rc != SQLITE_ROW) return sqlite3_errmsg(db);
  if (has) return "";
  return exec(db,
              "ALTER TABLE people ADD COLUMN email_time_ms INTEGER; ALTER TABLE people ADD COLUMN email_event_id INTEGER; "
              "ALTER TABLE people ADD COLUMN name_time_ms INTEGER; ALTER TABLE people ADD COLUMN name_event_id INTEGER; "
              "UPDATE people SET email_time_ms = time_ms, email_event_id = event_id WHERE email IS NOT NULL; "
              "UPDATE people SET name_time_ms = time_ms, name_event_id = event_id WHERE name IS NOT NULL;");
}

}  // namespace

std::string migrate_event_schema(sqlite3* db) {
  if (std::string e = exec(db, "BEGIN IMMEDIATE"); !e.empty()) return e;
  std::string error = exec(db, kSchema);
  if (error.empty()) {
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db, "SELECT MAX(version), COUNT(*) FROM event_schema_version", -1, &stmt,
                           nullptr) != SQLITE_OK) {
      error = sqlite3_errmsg(db);
    } else if (sqlite3_step(stmt) == SQLITE_ROW) {
      const sqlite3_int64 version = sqlite3_column_int64(stmt, 0);
      const sqlite3_int64 rows = sqlite3_column_int64(stmt, 1);
      if (version > kEventSchemaVersion) {
        error = "the events tables were written by a newer Cairn (schema " +
                std::to_string(version) + "; this build knows " +
                std::to_string(kEventSchemaVersion) + ")";
      } else if (version < kEventSchemaVersion) {
        // Version 3 added the people index (people_index.h), created above
        // and filled here from the identify rows stored (none in a new
        // file), in this transaction: a crash leaves the file at its old
        // version and the next start fills it again. Version 4 merges
        // identify traits: a version 3 index gets its traits' stamps, and
        // the same fill merges the older identifies' traits into it.
        error = add_trait_stamps(db);
        if (error.empty()) error = backfill_people_index(db);
        // Version 2 only added erased_messages (created above). Recording the
        // version makes an older build refuse the file: it would store a
        // retried message that an erasure forgot, identify rows the
        // people index would not know, or (version 3) replace a person's
        // merged traits with one identify's.
        if (error.empty()) {
          error = exec(db, (rows == 0 ? "INSERT INTO event_schema_version (version) VALUES (" +
                                            std::to_string(kEventSchemaVersion) + ")"
                                      : "UPDATE event_schema_version SET version = " +
                                            std::to_string(kEventSchemaVersion))
                               .c_str());
        }
      }
    }
    sqlite3_finalize(stmt);
  }
  if (!error.empty()) {
    exec(db, "ROLLBACK");
    return error;
  }
  return exec(db, "COMMIT");
}

}  // namespace cairn::store
