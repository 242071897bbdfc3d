#include "admin/schema.h"

#include <sodium.h>

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

}  // namespace

std::string write_key_hash(std::string_view key) {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(key.data()), key.size());
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return std::string(hex, crypto_hash_sha256_BYTES * 2);
}

std::string migrate_admin_schema(sqlite3* db) {
  char* message = nullptr;
  if (sqlite3_exec(db, kSchemaV1, nullptr, nullptr, &message) != SQLITE_OK) {
    std::string error = message ? message : "unknown SQLite error";
    sqlite3_free(message);
    return error;
  }
  return "";
}

}  // namespace cairn::admin
