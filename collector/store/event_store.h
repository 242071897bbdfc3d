// EventStore: the collector's durable event log in SQLite, with group commit.
//
// A request handler submit()s the events of one request and gets its answer
// through a completion callback. One writer thread drains a bounded queue of
// pending submissions and commits MANY requests in ONE transaction, then calls
// each request's completion. A completion with ok == true means the events are
// on disk: the transaction committed in WAL mode with synchronous=FULL, so the
// WAL was fsync()ed before COMMIT returned. That survives kill -9 of the
// collector AND power loss / kernel crash (as far as the disk honours fsync).
// (synchronous=NORMAL would survive kill -9 but not power loss, since WAL
// frames may still sit in the page cache; we pay one fsync per group instead
// of one per request, which is what group commit is for.)
//
// Backpressure: the queue holds at most Options::max_queued_events events
// (queued or being committed; a group's room is freed when its commit ends). submit() refuses with Submit::full beyond that,
// and the ingest answers 503 with Retry-After instead of growing memory.
//
// Deduplication: events carry a message id unique per app (UNIQUE index); a
// repeated id is skipped and counted as a duplicate, within one request, across
// requests and across restarts.
//
// Erasure: erase_person() forgets one person (person_erasure.h) in one
// transaction on the writer thread, between group commits, after every
// request submitted before it (none of those events lands after it); a
// message id it erased is skipped as a duplicate later.
//
// Deleted apps: purge_deleted_apps() makes the writer purge the apps recorded
// in app_purges (app_purge.h), one bounded chunk per transaction between
// group commits, so the other apps' ingest keeps flowing; a purge cut short
// continues when the store opens again. Events of a deleted app are dropped.
//
// Retention: with Options::retention_ms, the writer deletes the events older
// than it (retention.h) when the store opens and every
// Options::retention_interval, one bounded chunk per transaction between group
// commits, like a purge; expire_old_events() asks for a pass now. A pass also
// drops the records of person erasures older than kErasureRecordDays. With
// Options::retention_keeps_after, it keeps the events a copy has not got yet.
//
// Write health: write_health() says whether the latest write (a group commit,
// a purge or retention chunk) failed, and SQLite's reason. While it did, the
// writer rewrites one row (schema.h write_probes) every
// Options::write_probe_interval when it has nothing else to do, so the store
// turns healthy again once space is freed even without ingest (a load
// balancer stops sending it any while it is unhealthy).
//
// Layout (schema.h): apps, users and event names are dictionary-encoded into
// integers; events are rows (app, user, time, name, ...) in arrival order with
// an index for per-user time-ordered reads.
//
// Threading: submit(), queued_events() and close() are thread-safe. Completions
// run on the writer thread, one at a time, and must not block for long (post
// the answer to the connection; do not wait on another submit()).
#pragma once

#include "metrics/metrics.h"
#include "store/app_purge.h"
#include "store/person_erasure.h"
#include "store/retention.h"

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace cairn::store {

// Events queued or being committed, across all requests.
inline constexpr std::size_t kMaxQueuedEvents = 50000;
// Upper bound of events in one transaction: bounds the commit latency of the
// requests at the front of the group.
inline constexpr std::size_t kMaxEventsPerCommit = 20000;
// Size the -wal file is cut back to when the log restarts after a complete
// checkpoint (PRAGMA journal_size_limit). SQLite otherwise keeps the file at
// its largest size for good: a backup's long read lets it grow to gigabytes
// under ingest, and that disk would stay taken until the next clean stop.
inline constexpr std::int64_t kWalSizeLimitBytes = 64LL * 1024 * 1024;

// One event ready for storage: validated, skew-corrected, serialized.
struct StoredEvent {
  std::string user;          // userId, or anonymousId when there is no userId.
  std::string anonymous_id;  // Kept as well when both are known (identity stitching).
  std::int64_t time_ms = 0;  // Skew-corrected event time (clock_skew.h).
  std::int64_t received_ms = 0;
  int type = 0;              // event::EventType as int (track 0, page 1, screen 2, identify 3, group 4).
  std::string name;          // event::analytics_name().
  std::string message_id;    // Unique per app; never empty.
  std::string properties;    // JSON object text, "" for none.
  std::string extra;         // JSON object text: context, traits, client times, unknown fields.
};

struct WriteOutcome {
  bool ok = false;             // Committed (durable) when true.
  std::string error;           // Why not, when !ok.
  std::size_t stored = 0;      // New rows.
  std::size_t duplicates = 0;  // Skipped: message id already stored for the app.
  std::size_t of_deleted_app = 0;  // Dropped: the app was deleted (app_purge.h).
};

using Completion = std::function<void(const WriteOutcome&)>;

struct ErasureOutcome {
  bool ok = false;     // Committed (durable) when true; nothing erased when false.
  std::string error;   // Why not, when !ok.
  ErasedPerson erased;
  // The highest events.id stored when the erasure committed: every row up to
  // it that belonged to the person is gone.
  std::int64_t last_event_id = 0;
  // The erasure's cut-off: the highest events.id stored when it ran (before
  // its deletion). It covers the person's rows up to it, also in the copies
  // derived from them (the ClickHouse rows this collector exported with seq
  // <= it); rows stored later are new data (docs/operations.md).
  std::int64_t cut_off_event_id = 0;
  // > 0: a follower's replay of the primary's erasure with this seq
  // (erasure_replay_steps records it with the erasure).
  std::int64_t primary_seq = 0;
};
using ErasureCompletion = std::function<void(const ErasureOutcome&)>;

// While writes fail, the writer tries a one-row write this often (when idle).
inline constexpr std::chrono::milliseconds kWriteProbeInterval{5000};

// Whether the store can write, as its latest write found.
struct WriteHealth {
  bool writable = true;
  std::string error;                 // SQLite's reason, when !writable.
  std::int64_t failing_since_ms = 0;  // Wall clock of the first failure in a row, when !writable.
};

enum class Submit {
  queued,  // The completion will be called exactly once.
  full,    // Queue full: try again later. The completion is not called.
  closed,  // The store is closing. The completion is not called.
};

class EventStore {
 public:
  struct Options {
    std::string path;  // SQLite database file (shared with the admin tables).
    std::size_t max_queued_events = kMaxQueuedEvents;
    std::size_t max_events_per_commit = kMaxEventsPerCommit;
    std::int64_t wal_size_limit_bytes = kWalSizeLimitBytes;
    metrics::Registry* metrics = nullptr;  // Optional.
    // Rows one purge transaction of a deleted app deletes at most (app_purge.h).
    std::size_t purge_chunk_rows = kAppPurgeChunkRows;
    // How long after a failed purge chunk the pending purges are tried again.
    std::chrono::milliseconds purge_retry_delay = kAppPurgeRetryDelay;
    // Optional: called on the writer thread after each commit that stored
    // rows, with the highest events.id it made durable, before that group's
    // completions run. Must not block (the analytics index and the ClickHouse
    // export only note the id and wake their own thread).
    std::function<void(std::int64_t last_event_id)> on_commit;
    // Optional: called on the writer thread with what failed and SQLite's
    // reason ("COMMIT: database or disk is full") when a group commit (its
    // requests are answered 503 store_unavailable) or an app purge chunk
    // fails, so the operator reads the cause, not only the count. Must not
    // block; it may be called once per failed commit (rate-limit its log).
    std::function<void(const std::string& what, const std::string& error)> on_write_failure;
    // Events received more than this long ago are deleted (retention.h);
    // 0 keeps every event (the default: no one loses data by upgrading).
    std::int64_t retention_ms = 0;
    std::chrono::milliseconds retention_interval = kRetentionInterval;
    std::size_t retention_chunk_rows = kRetentionChunkRows;
    // Optional: called on the writer thread after each retention pass that
    // finished, with what it deleted (also when nothing). Must not block.
    std::function<void(const RetentionPass&)> on_retention;
    // Optional: the hold (retention.h): retention never deletes an event with
    // an id above what this returns (the ClickHouse export's watermark,
    // AnalyticsService::export_watermark). Read on the writer thread before
    // each chunk; must not block. After a pass that held events back, the
    // hold is read every retention_hold_recheck, and the next pass starts as
    // soon as it passed them all, not an interval later.
    std::function<std::int64_t()> retention_keeps_after;
    std::chrono::milliseconds retention_hold_recheck = kRetentionHoldRecheck;
    // The wall clock (ms since the epoch) that retention ages events against
    // and failures are stamped with; tests inject one. Default: the system clock.
    std::function<std::int64_t()> now_ms;
    std::chrono::milliseconds write_probe_interval = kWriteProbeInterval;
  };

  // Opens the database, applies the schema (migrate_event_schema) and starts the
  // writer thread. nullptr with *error set on failure.
  static std::unique_ptr<EventStore> open(const Options& options, std::string* error);

  // Calls close().
  ~EventStore();
  EventStore(const EventStore&) = delete;
  EventStore& operator=(const EventStore&) = delete;

  // Queues `events` of app `app_id` for the next group commit.
  // REQUIRES: every event has a non-empty message_id and user.
  Submit submit(std::string app_id, std::vector<StoredEvent> events, Completion done);

  // Queues the erasure of person `user_key` of app `app_id` (person_erasure.h),
  // run once every submit() made before it is committed. With `queued`, `done`
  // is called exactly once, on the writer thread, with the outcome (also
  // while closing). Not limited by max_queued_events (it holds no events).
  // `also_ids`: erased with the person's own ids (erase_person_rows).
  // `primary_seq` > 0: a replay of the primary's erasure, recorded in the
  // same transaction (record_replay_step).
  Submit erase_person(std::string app_id, std::string user_key, ErasureCompletion done,
                      std::vector<std::string> also_ids = {}, std::int64_t primary_seq = 0);

  // Reads app_purges again and purges the deleted apps not yet purged, in
  // the background (see above). Call after AppDirectory::delete_app
  // committed. Apps still pending when the store opens are purged without it.
  void purge_deleted_apps();

  // Starts a retention pass now (after the current one, if one is running).
  // No effect without Options::retention_ms.
  void expire_old_events();

  // As the latest write found (see above). Thread-safe.
  WriteHealth write_health() const;

  // Events queued or being committed right now.
  std::size_t queued_events() const;

  // Stops accepting, commits everything queued, calls every pending completion,
  // stops the writer and closes the database. Idempotent.
  void close();

 private:
  struct Pending {
    std::string app_id;
    std::vector<StoredEvent> events;
    Completion done;
  };
  struct PendingErasure {
    std::string app_id;
    std::string user_key;
    std::vector<std::string> also_ids;
    std::int64_t primary_seq;
    ErasureCompletion done;
    std::uint64_t after_request;  // Runs once this many submit()s were taken.
  };
  class Writer;

  EventStore(const Options& options, std::unique_ptr<Writer> writer);
  void run();
  void run_erasures(std::deque<PendingErasure>& erasures);
  // One chunk of the oldest pending app purge, if any.
  void run_purge_chunk();
  // One chunk of the retention pass, starting one when it is due.
  void run_retention_chunk();
  // The one-row write while writes fail, when it is due.
  void run_write_probe();
  // Records a write's outcome for write_health(); "" is a success.
  void note_write(const std::string& error);
  std::int64_t now_ms() const;
  // The earliest time the writer must wake without being notified.
  std::optional<std::chrono::steady_clock::time_point> next_timer() const;

  Options options_;
  std::unique_ptr<Writer> writer_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<Pending> queue_;
  std::deque<PendingErasure> erasures_;
  std::uint64_t submitted_requests_ = 0;  // submit()s queued so far.
  std::uint64_t taken_requests_ = 0;      // Of those, taken into a group.
  std::size_t queued_events_ = 0;  // Includes the group being committed.
  bool closing_ = false;
  bool purge_requested_ = false;  // purge_deleted_apps() since the writer last read app_purges.
  // When to read app_purges again after a failed chunk (writer thread only).
  std::optional<std::chrono::steady_clock::time_point> purge_retry_at_;
  // Retention (writer thread only, but retention_requested_ under mutex_).
  bool retention_requested_ = false;
  std::chrono::steady_clock::time_point retention_due_;
  struct RetentionState {
    enum class Phase { events, held_back, users, erasure_records };
    Phase phase = Phase::events;
    std::int64_t next_id = 0;  // Where the held_back or users walk goes on.
    std::int64_t last_held_id = 0;
    std::int64_t erasures_before_ms = 0;  // Erasure records older than this go (kErasureRecordDays).
    RetentionPass pass;
    std::chrono::steady_clock::time_point started;
  };
  std::optional<RetentionState> retention_;  // The pass in progress.
  // Some user may be left without events: a pass deleted events and its walk
  // of the users did not finish (a failed chunk, a full disk), or the store
  // just opened (the previous process may have died mid-pass). The next pass
  // walks the users even when it deletes no event.
  bool orphan_users_owed_ = true;
  // After a pass that held events back: the largest id it kept, and when to
  // read the hold next (writer thread only).
  std::optional<std::int64_t> held_through_id_;
  std::chrono::steady_clock::time_point hold_recheck_at_;
  // Write health (under mutex_); the probe's time is the writer's.
  WriteHealth health_;
  std::chrono::steady_clock::time_point probe_due_;
  std::thread thread_;

  metrics::Gauge* queue_gauge_ = nullptr;
  metrics::Counter* stored_counter_ = nullptr;
  metrics::Counter* duplicate_counter_ = nullptr;
  metrics::Counter* failed_counter_ = nullptr;
  metrics::Counter* erasures_counter_ = nullptr;       // cairn_person_erasures_total
  metrics::Counter* erased_events_counter_ = nullptr;  // cairn_person_erased_events_total
  metrics::Counter* purged_rows_counter_ = nullptr;   // cairn_app_purge_rows_deleted_total
  metrics::Counter* purge_failures_counter_ = nullptr;  // cairn_app_purge_failures_total
  metrics::Gauge* purges_pending_gauge_ = nullptr;     // cairn_app_purges_pending
  metrics::Counter* retention_events_counter_ = nullptr;   // cairn_retention_events_deleted_total
  metrics::Counter* retention_users_counter_ = nullptr;    // cairn_retention_users_deleted_total
  metrics::Counter* retention_passes_counter_ = nullptr;   // cairn_retention_passes_total
  metrics::Counter* retention_failures_counter_ = nullptr;  // cairn_retention_failures_total
  metrics::Gauge* retention_last_pass_gauge_ = nullptr;   // cairn_retention_last_pass_timestamp_seconds
  metrics::Gauge* retention_held_back_gauge_ = nullptr;   // cairn_retention_events_held_back
  metrics::Gauge* writable_gauge_ = nullptr;              // cairn_store_writable
  metrics::Histogram* commit_seconds_ = nullptr;
  metrics::Histogram* commit_requests_ = nullptr;
};

}  // namespace cairn::store
