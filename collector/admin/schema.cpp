#include "admin/schema.h"

#include "crypto/tokens.h"

#include <iterator>

namespace cairn::admin {

namespace {

// Version 1 of the admin schema. Later versions append statements guarded by
// PRAGMA user_version; nothing here is ever edited in place once released.
constexpr const char* kSchemaV1 = R"sql(
CREATE TABLE IF NOT EXISTS apps (
  id            TEXT PRIMARY KEY,
  name          TEXT NOT NULL,
  created_at_ms INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS app_origins (
  app_id TEXT NOT NULL REFERENCES apps(id),
  origin TEXT NOT NULL,
  PRIMARY KEY (app_id, origin)
);
CREATE TABLE IF NOT EXISTS write_keys (
  id            TEXT PRIMARY KEY,
  app_id        TEXT NOT NULL REFERENCES apps(id),
  key_hash      TEXT NOT NULL UNIQUE,
  key_prefix    TEXT NOT NULL,
  created_at_ms INTEGER NOT NULL,
  revoked_at_ms INTEGER
);
CREATE INDEX IF NOT EXISTS write_keys_by_app ON write_keys(app_id);
CREATE TABLE IF NOT EXISTS accounts (
  id            TEXT PRIMARY KEY,
  email         TEXT NOT NULL UNIQUE COLLATE NOCASE,
  password_hash TEXT NOT NULL,
  role          TEXT NOT NULL CHECK (role IN ('admin', 'editor', 'viewer')),
  disabled      INTEGER NOT NULL DEFAULT 0,
  created_at_ms INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS sessions (
  token_hash     TEXT PRIMARY KEY,
  account_id     TEXT NOT NULL REFERENCES accounts(id),
  csrf_token     TEXT NOT NULL,
  created_at_ms  INTEGER NOT NULL,
  expires_at_ms  INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS sessions_by_account ON sessions(account_id);
CREATE TABLE IF NOT EXISTS guides (
  id                TEXT PRIMARY KEY,
  app_id            TEXT NOT NULL REFERENCES apps(id),
  name              TEXT NOT NULL,
  status            TEXT NOT NULL CHECK (status IN ('draft', 'published', 'archived')),
  draft_json        TEXT NOT NULL,
  published_version INTEGER,
  created_at_ms     INTEGER NOT NULL,
  updated_at_ms     INTEGER NOT NULL,
  updated_by        TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS guides_by_app ON guides(app_id);
CREATE TABLE IF NOT EXISTS guide_versions (
  guide_id        TEXT NOT NULL REFERENCES guides(id),
  version         INTEGER NOT NULL,
  guide_json      TEXT NOT NULL,
  published_at_ms INTEGER NOT NULL,
  published_by    TEXT NOT NULL,
  note            TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (guide_id, version)
);
)sql";

// Version 2: secrets the collector generates for itself, such as the key that
// signs editor tokens (editor_bridge/editor_secret.h).
constexpr const char* kSchemaV2 = R"sql(
CREATE TABLE IF NOT EXISTS collector_secrets (
  name          TEXT PRIMARY KEY,
  value_hex     TEXT NOT NULL,
  created_at_ms INTEGER NOT NULL
);
)sql";

// Version 3: a revision per guide for optimistic concurrency (two authors on
// one draft): every change adds 1, and a save names the revision it was based
// on (guides/guide_store.h). Existing guides start at 1.
constexpr const char* kSchemaV3 = R"sql(
ALTER TABLE guides ADD COLUMN revision INTEGER NOT NULL DEFAULT 1;
)sql";

// Version 4: saved funnels shared by an app's team (saved_funnels/
// saved_funnel_store.h); names are unique per app regardless of ASCII case.
constexpr const char* kSchemaV4 = R"sql(
CREATE TABLE IF NOT EXISTS saved_funnels (
  id            TEXT PRIMARY KEY,
  app_id        TEXT NOT NULL REFERENCES apps(id),
  name          TEXT NOT NULL,
  query_json    TEXT NOT NULL,
  compare_json  TEXT,
  created_by    TEXT NOT NULL,
  created_at_ms INTEGER NOT NULL,
  updated_at_ms INTEGER NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS saved_funnels_by_app_name ON saved_funnels(app_id, name COLLATE NOCASE);
)sql";

// Version 5: apps deleted through DELETE /api/apps/{app_id} (app_directory.h
// delete_app). The row is written in the transaction that deletes the app, so
// the purge of its events (store/app_purge.h) is durable before the answer and
// resumes after a restart; finished_at_ms is set once no row of the app is
// left. The row stays as a tombstone: the event store drops events that
// still arrive for the app (app ids are random and never reused).
constexpr const char* kSchemaV5 = R"sql(
CREATE TABLE IF NOT EXISTS app_purges (
  app_id         TEXT PRIMARY KEY,
  deleted_at_ms  INTEGER NOT NULL,
  finished_at_ms INTEGER
);
)sql";

// Version 6: when the ClickHouse store's copy of a deleted app's events was
// deleted too (analytics_api/clickhouse_app_purge.h), after its SQLite purge
// finished; NULL until then, so a restart or ClickHouse being down retries it.
// Apps deleted without `--store clickhouse://` stay NULL and are looked at
// once the collector runs with it (ClickHouse may hold an older export).
constexpr const char* kSchemaV6 = R"sql(
ALTER TABLE app_purges ADD COLUMN clickhouse_purged_at_ms INTEGER;
)sql";

// Version 7: origins stored as browsers send them (admin::normalized_origin):
// a scheme's default port written out ("https://a.example:443") never
// matched the Origin header, so such an app's browsers were refused. Where
// the app already holds the short form too, the long one just goes.
constexpr const char* kSchemaV7 = R"sql(
UPDATE OR IGNORE app_origins SET origin = substr(origin, 1, length(origin) - 4)
  WHERE origin LIKE 'https://%:443';
DELETE FROM app_origins WHERE origin LIKE 'https://%:443';
UPDATE OR IGNORE app_origins SET origin = substr(origin, 1, length(origin) - 3)
  WHERE origin LIKE 'http://%:80';
DELETE FROM app_origins WHERE origin LIKE 'http://%:80';
)sql";

// Each version runs once, in order, in a transaction that also records it in
// PRAGMA user_version. Version 1 uses IF NOT EXISTS, so databases created
// before versions were recorded (user_version 0) pass through it unchanged.
struct Migration {
  int version;
  const char* sql;
};
constexpr Migration kMigrations[] = {{1, kSchemaV1}, {2, kSchemaV2}, {3, kSchemaV3},
                                     {4, kSchemaV4}, {5, kSchemaV5}, {6, kSchemaV6},
                                     {7, kSchemaV7}};

// A version skipped or out of order would never run on databases already past it.
constexpr bool versions_are_consecutive() {
  int expected = 1;
  for (const Migration& m : kMigrations) {
    if (m.version != expected++) return false;
  }
  return true;
}
static_assert(versions_are_consecutive(), "admin schema versions must be 1, 2, 3, ... in order");

std::string exec(sqlite3* db, const std::string& sql) {
  char* message = nullptr;
  if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
    std::string error = message ? message : "unknown SQLite error";
    sqlite3_free(message);
    return error;
  }
  return "";
}

int user_version(sqlite3* db) {
  sqlite3_stmt* stmt = nullptr;
  int version = 0;
  if (sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &stmt, nullptr) == SQLITE_OK &&
      sqlite3_step(stmt) == SQLITE_ROW) {
    version = sqlite3_column_int(stmt, 0);
  }
  sqlite3_finalize(stmt);
  return version;
}

}  // namespace

std::string write_key_hash(std::string_view key) { return crypto::sha256_hex(key); }

std::string migrate_admin_schema(sqlite3* db, int up_to_version) {
  const int current = user_version(db);
  // A newer build's tables may mean what this build does not know (a column
  // it must fill, a table it must honour): running on them could lose or
  // misread data, so refuse and say which build is needed.
  const int known = std::end(kMigrations)[-1].version;
  if (current > known) {
    return "the database was written by a newer Cairn (admin schema version " + std::to_string(current) +
           "; this build knows up to " + std::to_string(known) +
           "): run the newer collector, or restore a backup made before the upgrade";
  }
  for (const Migration& m : kMigrations) {
    if (m.version <= current || m.version > up_to_version) continue;
    const std::string sql = std::string("BEGIN IMMEDIATE;") + m.sql +
                            "PRAGMA user_version = " + std::to_string(m.version) + ";COMMIT;";
    if (std::string error = exec(db, sql); !error.empty()) {
      exec(db, "ROLLBACK");
      return "schema version " + std::to_string(m.version) + ": " + error;
    }
  }
  return "";
}

}  // namespace cairn::admin
