// ClickHouseExporter: feeds a ClickHouse events table from the collector's
// SQLite store, for `--store clickhouse://` (docs/operations.md).
//
// SQLite stays the durable acknowledgement log: ingest answers after the
// SQLite commit, never waiting for ClickHouse. A thread copies rows in id
// order: it reads at most Options::batch_rows rows with id > watermark
// (joined with the app, user and name dictionaries), inserts them in one
// INSERT (one block, so all or nothing), and moves the watermark. Several
// collectors may share one table: each row names its collector (a random id
// kept in the collector's SQLite, clickhouse_collector_id.h), and the
// watermark is ClickHouse's own max(seq) over this collector's rows (seq =
// events.id), read at start and again after a failed insert (the insert may
// have landed before the error), so nothing is lost while ClickHouse is down
// (the rows wait in SQLite) and nothing is inserted twice after a restart or
// a retry. A file restored from an older backup (ClickHouse holds rows of
// its id beyond its last id) takes a new collector id and exports its rows
// again. Failures are retried with exponential backoff
// (Options::min_backoff_ms doubling up to max_backoff_ms). Memory is bounded
// by one batch.
//
// Table (clickhouse_store_table_ddl): app, user, time_ms, seq, event,
// properties (top-level string/number/boolean properties as a flat JSON
// object; booleans as "true"/"false" like the in-memory index), collector,
// message_id (the same retried event exported by two collectors is two rows:
// queries count one, clickhouse_store_rows.h), anonymous_id (an identify
// event's anonymousId, else ""), ordered by (app, user, time_ms, seq). A
// table made before the last three columns existed gets them at start
// (ALTER TABLE ADD COLUMN): its old rows read as the upgrading collector's,
// each its own message, with no identity link.
//
// Metrics (Options::metrics): cairn_clickhouse_export_rows_total,
// _batches_total, _failures_total, _lag_rows, _lag_seconds,
// _last_success_timestamp_seconds (docs/operations.md).
//
// Threading: committed(), exported_through() and stats() are thread-safe;
// start() and stop() are called by the owner's thread.
#pragma once

#include "analytics/clickhouse_client.h"
#include "metrics/metrics.h"

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

namespace cairn::analytics {

// Rows per INSERT: large enough to amortise ClickHouse's per-insert cost,
// small enough to bound the exporter's memory (a few MB).
inline constexpr std::size_t kClickHouseExportBatchRows = 10000;

// CREATE DATABASE/TABLE statements for the store's table `database`.events.
std::string clickhouse_store_database_ddl(const std::string& database);
std::string clickhouse_store_table_ddl(const std::string& database);

// Adds the columns a table made by an older collector lacks (collector,
// message_id, anonymous_id); its existing rows read as `collector_id`'s.
// Safe when several collectors upgrade at once.
bool upgrade_clickhouse_store_table(ClickHouseClient& client, const std::string& database,
                                    const std::string& collector_id, std::string* error);

class ClickHouseExporter {
 public:
  struct Options {
    ClickHouseEndpoint endpoint;   // endpoint.database holds the events table.
    std::string sqlite_path;       // The collector's database.
    std::size_t batch_rows = kClickHouseExportBatchRows;
    long min_backoff_ms = 100;
    long max_backoff_ms = 30000;
    long poll_ms = 1000;           // Looks for rows even without committed().
    // Names this collector's rows; "" = load_or_create_collector_id(sqlite_path).
    std::string collector_id;
    metrics::Registry* metrics = nullptr;  // Optional.
    // Optional, called on the export thread: after each failed attempt with
    // its reason and the failures in a row so far (1 for the first), and on
    // the first success after failures with how many there were. The
    // operator's log says why the export stopped and when it resumed.
    std::function<void(const std::string& error, std::uint64_t failures_in_a_row)> on_failure;
    std::function<void(std::uint64_t failures)> on_recovery;
  };
  struct Stats {
    std::uint64_t exported_rows = 0;
    std::uint64_t inserts = 0;
    std::uint64_t failures = 0;    // Failed attempts (each followed by a backoff).
    std::string last_error;
    std::string collector_id;      // Once known.
  };

  explicit ClickHouseExporter(Options options);
  // Calls stop().
  ~ClickHouseExporter();
  ClickHouseExporter(const ClickHouseExporter&) = delete;
  ClickHouseExporter& operator=(const ClickHouseExporter&) = delete;

  // Starts the export thread. It creates the database and table if missing.
  void start();
  // Stops after the current attempt; rows not exported stay in SQLite for
  // the next start. Idempotent.
  void stop();

  // The store committed rows up to `last_event_id`: export soon. Never blocks
  // on I/O (called on the store's writer thread).
  void committed(std::int64_t last_event_id);

  // Every events.id <= this is in ClickHouse, or was erased before it was
  // exported: once a scan finds no row after the watermark, the ids up to the
  // last committed() are passed (ids are never handed out twice,
  // store/schema.h events_high_water, so none can appear there later).
  std::int64_t exported_through() const { return exported_.load(); }
  Stats stats() const;

 private:
  void run();
  // Learns the collector id if needed, creates or upgrades the table, and
  // reads max(seq) of this collector's rows into the watermark; takes a new
  // id (once: `rotated`) when that is beyond the SQLite file's last id.
  // False if any step fails.
  bool read_watermark(ClickHouseClient& client, std::string* error, bool rotated = false);
  // The SQLite file's largest events.id ever handed out (0 when none), erased
  // newest rows included.
  std::optional<std::int64_t> sqlite_last_id(std::string* error) const;
  // Exports one batch; returns rows exported (0 = nothing new), -1 on error.
  long export_batch(ClickHouseClient& client, std::string* error);
  // Sleeps up to `ms` or until stop(); false when stopping.
  bool wait(long ms, bool wake_on_commit);
  // Sets the lag gauges from the rows SQLite holds beyond the watermark.
  void measure_lag();
  // Records one attempt's outcome (rows as export_batch returns them).
  void count_attempt(long rows, const std::string& error);

  struct Meters {
    metrics::Counter* rows = nullptr;
    metrics::Counter* batches = nullptr;
    metrics::Counter* failures = nullptr;
    metrics::Gauge* lag_rows = nullptr;
    metrics::Gauge* lag_seconds = nullptr;
    metrics::Gauge* last_success = nullptr;
  };

  Options options_;
  Meters meters_;
  std::atomic<std::int64_t> exported_{0};
  std::atomic<std::int64_t> committed_{0};
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  Stats stats_;
  std::thread thread_;
};

}  // namespace cairn::analytics
