// The collector's admin tables (apps, origins, write keys, accounts, sessions,
// guides) in the shared SQLite database file `<data-dir>/cairn.db`.
//
// The ingest store keeps its own tables in the same file. The write-key table is
// the contract between the two halves of the collector:
//
//   CREATE TABLE IF NOT EXISTS write_keys (
//     id            TEXT PRIMARY KEY,      -- "wk_" + 16 hex chars, public, shown in the admin UI
//     app_id        TEXT NOT NULL REFERENCES apps(id),
//     key_hash      TEXT NOT NULL UNIQUE,  -- lowercase hex SHA-256 of the full secret key
//     key_prefix    TEXT NOT NULL,         -- first 10 chars of the key, to recognise it
//     created_at_ms INTEGER NOT NULL,
//     revoked_at_ms INTEGER                -- NULL while the key is valid
//   );
//   CREATE TABLE IF NOT EXISTS app_origins (
//     app_id TEXT NOT NULL REFERENCES apps(id),
//     origin TEXT NOT NULL,                 -- "https://app.example.com" (scheme://host[:port])
//     PRIMARY KEY (app_id, origin)
//   );
//
// A write key is "cwk_" followed by 48 lowercase hex characters (24 random
// bytes). It is never stored: resolve a presented key with
//   SELECT app_id FROM write_keys WHERE key_hash = ?1 AND revoked_at_ms IS NULL
// binding write_key_hash(key). A plain SHA-256 is enough because the key has 192
// bits of entropy (no dictionary to attack, unlike passwords).
//
// AppDirectory::resolve_write_key() (app_directory.h) implements that lookup
// with a cache that revocations invalidate at once; ingest should use it (the
// service passes it in) rather than run the query itself.
//
// Threading: migrate_admin_schema() runs once at startup before serving.
#pragma once

#include <sqlite3.h>

#include <limits>
#include <string>
#include <string_view>

namespace cairn::admin {

inline constexpr std::string_view kWriteKeyPrefix = "cwk_";
inline constexpr std::size_t kWriteKeyRandomBytes = 24;

// Lowercase hex SHA-256 of `key`, the value stored in write_keys.key_hash.
std::string write_key_hash(std::string_view key);

// Creates every admin table and index if missing (idempotent). Returns "" on
// success, SQLite's error message, or a refusal naming both versions when the
// database was written by a newer build (a higher PRAGMA user_version). `up_to_version` stops at an older schema
// (tests upgrade such databases).
std::string migrate_admin_schema(sqlite3* db, int up_to_version = std::numeric_limits<int>::max());

}  // namespace cairn::admin
