// Retention: deleting events older than the operator's retention period
// (`--retention-days`, docs/operations.md#retention), in bounded chunks.
//
// An event's age is counted from when the collector received it
// (events.received_ms, the server's clock): that is when the data was
// collected, it cannot be sent from the future by a client's wrong clock,
// and rows are stored in arrival order, so the expired rows are the oldest
// ids. A pass walks the table from its smallest id, a chunk of rows per
// transaction, deletes those received before the cut-off and stops at the
// first chunk that was not wholly expired. (A clock stepped back keeps a few
// rows behind a younger one until that one expires too.)
//
// Then, when it deleted events, the pass walks event_users in chunks and
// deletes the users left without any event: a person whose every event
// expired leaves no id behind. Saved funnels, guides, apps, accounts and the
// dictionaries of apps and event names are never aged out; erased_messages
// holds random message ids only and stays.
//
// Last, the pass deletes the records of person erasures older than
// kErasureRecordDays (person_erasure.h), whether or not events expired: they
// hold the erased user keys, and followers stop being sent them after
// kErasureReplayDays. A follower's steps of those erasures
// (erasure_replay_steps) go with its records; replayed_erasures (16 bytes an
// erasure, no personal data) stays, so an erasure is never repeated twice.
//
// The writer raises events_high_water (schema.h) before each chunk, as an
// erasure does, so ids stay unique when every row expired.
//
// Held back: a copy made from the events after they are stored (the
// ClickHouse export, analytics/clickhouse_exporter.h) names the id up to
// which it has them (EventStore::Options::retention_keeps_after). No event
// above that id is deleted, however old: were ClickHouse down for longer
// than the retention period, the events it has not been sent yet would be
// lost from both. The pass then counts the expired events it kept
// (count_held_back_chunk, a read in the same bounded windows), and they go
// with a later pass, once the copy has them.
//
// Threading: the chunk functions run on the connection that holds the write
// transaction (the EventStore writer thread).
#pragma once

#include <sqlite3.h>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <set>
#include <string>

namespace cairn::store {

// Rows looked at per retention transaction by default: a chunk holds the
// writer (and so ingest) for milliseconds, and adds a bounded amount to the
// -wal file before the checkpointer copies it back
// (EventStore::Options::retention_chunk_rows).
inline constexpr std::size_t kRetentionChunkRows = 2000;

// How often a retention pass runs (and once when the store opens).
inline constexpr std::chrono::milliseconds kRetentionInterval = std::chrono::hours(1);

// After a pass held events back for a copy (see above), how often the
// hold is read to start the next pass once the copy has them all.
inline constexpr std::chrono::milliseconds kRetentionHoldRecheck = std::chrono::minutes(1);

// The longest retention period accepted (`--retention-days`): 100 years.
inline constexpr std::int64_t kMaxRetentionDays = 36500;

struct RetentionChunk {
  std::size_t deleted = 0;  // Rows deleted in this chunk.
  bool finished = false;    // The walk reached its end: no further chunk needed.
  // expire_events_chunk: the app_id of every app that lost events.
  std::set<std::string> apps;
  // expire_orphan_users_chunk, count_held_back_chunk: where the next chunk
  // starts (event_users.id, events.id).
  std::int64_t next_id = 0;
  // count_held_back_chunk: expired rows counted, and the largest id of them.
  std::size_t held = 0;
  std::int64_t last_held_id = 0;
};

// No hold: every expired event may go (EventStore without retention_keeps_after).
inline constexpr std::int64_t kNoRetentionHold = std::numeric_limits<std::int64_t>::max();

// Deletes the events received before `cut_off_ms` among the `max_rows`
// oldest rows (smallest ids) with ids up to `kept_after_id` (the hold, see
// above; kNoRetentionHold for none). `out->finished` when fewer than
// `max_rows` were deleted (a younger row was met, or the rows up to the
// hold or the table ended).
// REQUIRES: a write transaction is open on `db`; max_rows > 0. "" or
// SQLite's reason (the caller rolls back).
std::string expire_events_chunk(sqlite3* db, std::int64_t cut_off_ms, std::int64_t kept_after_id,
                                std::size_t max_rows, RetentionChunk* out);

// Counts, among the `max_rows` rows with ids above `after_id`, the events
// received before `cut_off_ms`: those a pass kept for the hold. Deletes
// nothing. `out->finished` when fewer than `max_rows` were counted, as
// expire_events_chunk stops. REQUIRES: max_rows > 0.
std::string count_held_back_chunk(sqlite3* db, std::int64_t cut_off_ms, std::int64_t after_id, std::size_t max_rows,
                                  RetentionChunk* out);

// Deletes, among the `max_rows` event_users rows with ids above
// `after_user_id`, those no event refers to any more. `out->finished` when
// the walk passed the last user. REQUIRES as above.
std::string expire_orphan_users_chunk(sqlite3* db, std::int64_t after_user_id, std::size_t max_rows,
                                      RetentionChunk* out);

// Deletes the records of up to `max_rows` person erasures made before
// `before_ms` (person_erasures, their person_erasure_ids and, on a follower,
// the erasure_replay_steps that point at them). `out->finished` when fewer
// were left. REQUIRES as above.
std::string expire_erasure_records_chunk(sqlite3* db, std::int64_t before_ms, std::size_t max_rows,
                                         RetentionChunk* out);

// What one finished retention pass deleted (EventStore::Options::on_retention).
struct RetentionPass {
  std::int64_t cut_off_ms = 0;  // Events received before it were deleted.
  std::size_t events = 0;
  std::size_t users = 0;
  std::size_t erasure_records = 0;  // Person erasures' records (older than kErasureRecordDays).
  // Expired events kept because the copy had not got them (see above), and
  // the hold's id when the pass deleted its last events (kNoRetentionHold: none).
  std::size_t held_back = 0;
  std::int64_t kept_after_event_id = kNoRetentionHold;
  std::set<std::string> apps;  // app_ids that lost events.
  double seconds = 0;          // Wall time from the first chunk to the last.
};

}  // namespace cairn::store
