// ClickHouseAppPurge: deletes a deleted app's rows from the ClickHouse store
// (`--store clickhouse://`) after the event store purged them from SQLite.
//
// DELETE /api/apps/{app_id} records the deletion in app_purges
// (admin/schema.cpp); the event store's writer purges the app's SQLite rows
// in chunks and sets finished_at_ms (store/app_purge.h); from then on no row
// of the app is left in SQLite and new ones are dropped at insert, so the
// exporter (analytics/clickhouse_exporter.h) can export nothing more of it.
// This thread then waits until the exporter has passed the highest event id
// handed out at that moment (a batch it read before the purge finished may
// still hold rows of the app, and would bring them back if it landed after
// the delete), runs `ALTER TABLE <db>.events DELETE WHERE app = '<id>'`
// (every collector's rows of the app) and waits until ClickHouse applied it
// (clickhouse_row_deletion.h), then records clickhouse_purged_at_ms.
//
// Why not at request time: the route's transaction and the writer's reload
// of the deleted apps are not one step, so a group commit between them can
// still store rows of the app with ids past any cut-off the route computed;
// only "purge finished, exporter past the highest id" covers every row.
//
// Durable and retried: until clickhouse_purged_at_ms is set the step is
// pending, also across restarts. Waiting is not failing: while the exporter
// is behind (its backlog, or ClickHouse down, which its own failures and lag
// metrics show) the thread waits for it without limit, polling its position
// every 50 ms, and deletes as soon as it passed: no failure counted, no
// backoff (a wait longer than Options::export_wait is logged once). Waiting
// on the first target read loses nothing: an app deleted meanwhile needs a
// later, higher one, and is looked at by the pass right after (its wake()
// is kept for then). A failure (SQLite unreadable, ClickHouse unreachable,
// the mutation refused or not applied within mutation_wait) is retried
// after a backoff doubling from Options::min_backoff to max_backoff, or at
// the next deletion's wake(). While an app is still being purged from
// SQLite, its progress is re-read every kSqlitePurgePoll doubling up to 8
// times that; with nothing pending the thread sleeps until wake() or
// Options::recheck. It never touches the event store's writer thread.
//
// Metrics (Options::metrics): cairn_clickhouse_app_purges_pending (deleted
// apps whose ClickHouse rows are not deleted yet, those still purging from
// SQLite or waiting for the export included),
// cairn_clickhouse_app_purges_waiting_for_export (of them, those purged from
// SQLite whose delete waits for the exporter; read at each pass) and
// cairn_clickhouse_app_purge_failures_total (real errors only).
//
// Threading: wake() is thread-safe and never blocks on I/O; start() and
// stop() are called by the owner's thread.
#pragma once

#include "analytics/clickhouse_client.h"
#include "metrics/metrics.h"

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

namespace cairn::analytics_api {

// How often an app still being purged from SQLite is looked at first.
inline constexpr std::chrono::milliseconds kSqlitePurgePoll{250};

class ClickHouseAppPurge {
 public:
  struct Options {
    analytics::ClickHouseEndpoint endpoint;  // endpoint.database holds the events table.
    std::string sqlite_path;                 // The collector's database (app_purges).
    std::chrono::milliseconds min_backoff{1000};
    std::chrono::milliseconds max_backoff{60000};
    // Looks at app_purges this often even without wake() (a purge resumed
    // by the event store at start, a deletion made by another process).
    std::chrono::milliseconds recheck{60000};
    // A wait for the exporter longer than this is logged (once per wait).
    std::chrono::milliseconds export_wait{30000};
    // How long one attempt waits for ClickHouse to apply the mutation.
    std::chrono::milliseconds mutation_wait{30000};
    metrics::Registry* metrics = nullptr;  // Optional.
  };

  // `exported_through`: the exporter's position
  // (ClickHouseExporter::exported_through); called from this thread.
  ClickHouseAppPurge(Options options, std::function<std::int64_t()> exported_through);
  // Calls stop().
  ~ClickHouseAppPurge();
  ClickHouseAppPurge(const ClickHouseAppPurge&) = delete;
  ClickHouseAppPurge& operator=(const ClickHouseAppPurge&) = delete;

  // Starts the thread; it looks at app_purges at once.
  void start();
  // Stops after the current step (a mutation already sent is finished by
  // ClickHouse; the next start sees the rows gone and records it). Idempotent.
  void stop();
  // An app was deleted: look at app_purges soon.
  void wake();

 private:
  struct Pass {
    std::string error;         // "" unless an attempt failed.
    bool sqlite_purging = false;  // Some app is still being purged from SQLite.
  };
  void run();
  // Deletes the ClickHouse rows of every app whose SQLite purge finished.
  Pass pass();
  // Waits until the exporter passed `event_id`; false on stop().
  bool wait_for_export(std::int64_t event_id);
  // Sleeps up to `pause` or until wake()/stop(); false when stopping.
  bool sleep(std::chrono::milliseconds pause);

  Options options_;
  std::function<std::int64_t()> exported_through_;
  metrics::Gauge* pending_ = nullptr;
  metrics::Gauge* waiting_for_export_ = nullptr;
  metrics::Counter* failures_ = nullptr;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool woken_ = false;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace cairn::analytics_api
