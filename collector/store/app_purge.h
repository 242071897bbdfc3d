// Purging a deleted app's events from the event store, in bounded chunks.
//
// DELETE /api/apps/{app_id} (admin/app_directory.h delete_app) removes the
// app from the admin tables and, in the same transaction, records it in
// app_purges (admin/schema.cpp, version 5). The event store's writer then
// deletes the app's rows here, at most a chunk of rows per transaction,
// between group commits: an app with millions of events never holds the
// writer for more than one chunk, so other apps' ingest keeps flowing. The
// record is durable, so a purge cut short by a crash or a restart continues
// when the store opens again.
//
// Per app, in this order: its events, its people index rows (people_index.h),
// its event_users, its erased_messages;
// then, in the transaction that finds none left, its recorded person
// erasures (they hold user ids), its event_apps row, and finished_at_ms.
// The app_purges row stays as a tombstone: events that still arrive for the
// app (a request resolved before the deletion) are dropped by the writer.
// Event ids stay unique: the writer raises events_high_water (schema.h)
// before each chunk, as an erasure does.
//
// Threading: run on the connection that holds the write transaction (the
// EventStore writer thread); read_app_purges() on any connection.
#pragma once

#include <sqlite3.h>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace cairn::store {

// Rows (events, users, erased message ids together) deleted per purge
// transaction by default: a chunk holds the writer for milliseconds, not
// seconds (EventStore::Options::purge_chunk_rows).
inline constexpr std::size_t kAppPurgeChunkRows = 2000;

// After a purge chunk failed (a full disk, say), the writer tries the pending
// purges again this much later (EventStore::Options::purge_retry_delay).
inline constexpr std::chrono::milliseconds kAppPurgeRetryDelay{30000};

struct AppPurges {
  std::vector<std::string> pending;  // Not finished, oldest deletion first.
  std::vector<std::string> all;      // Every deleted app, finished or not.
};

// The recorded purges. Empty when app_purges does not exist (a database
// without the admin tables); nullopt with `*error` on a storage error.
std::optional<AppPurges> read_app_purges(sqlite3* db, std::string* error);

struct PurgeChunk {
  std::size_t rows = 0;    // Rows deleted in this chunk, all tables together.
  std::size_t events = 0;  // Of them, events rows.
  bool finished = false;   // Nothing of the app is left; its purge is recorded as finished.
};

// Deletes at most `max_rows` rows of app `app_id` (see above), and finishes
// its purge when fewer were left. REQUIRES: a write transaction is open on
// `db`; max_rows > 0. "" or SQLite's reason (the caller rolls back).
std::string purge_app_chunk(sqlite3* db, const std::string& app_id, std::size_t max_rows, std::int64_t now_ms,
                            PurgeChunk* out);

// The ClickHouse step of deleted apps (`--store clickhouse://`,
// analytics_api/clickhouse_app_purge.h): app_purges rows whose
// clickhouse_purged_at_ms (admin schema version 6) is still NULL.
struct ClickHousePurges {
  std::vector<std::string> ready;  // Purged from SQLite: their ClickHouse rows can go.
  std::size_t waiting = 0;         // Still being purged from SQLite.
  // The largest events.id ever handed out (erased and purged ids included),
  // read in the same snapshot as `ready`: every row of those apps had an id
  // up to it, so an exporter past it has exported all it ever will of them.
  std::int64_t highest_event_id = 0;
};

// Reads the above in one read transaction. Empty when app_purges does not
// exist; nullopt with `*error` on a storage error.
std::optional<ClickHousePurges> read_clickhouse_purges(sqlite3* db, std::string* error);

// Records that ClickHouse holds no row of app `app_id` any more. "" or
// SQLite's reason.
std::string record_clickhouse_purge(sqlite3* db, const std::string& app_id, std::int64_t now_ms);

}  // namespace cairn::store
