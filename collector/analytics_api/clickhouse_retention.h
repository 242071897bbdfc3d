// ClickHouseRetention: `--retention-days` for the ClickHouse store's copy of
// the events (`--store clickhouse://`); the SQLite events age out in the
// event store (store/retention.h).
//
// Age: ClickHouse's events table holds no receive time, only the event's own
// time (time_ms, the SDK's skew-corrected timestamp), so that is what ages
// there. The cut-off is rounded down to a UTC midnight: rows whose time_ms is
// before midnight (UTC) of the day `retention` ago go, so a row stays between
// N and N+1 days after its event time. Rounding makes the cut-off the same all
// day long, and the same on every collector sharing the database: one
// mutation a day, not one an hour per collector.
//
// How: ClickHouse 18.16 deletes with an `ALTER TABLE … DELETE WHERE` mutation,
// run in the background by rewriting the parts that hold matching rows (with
// ORDER BY (app, user, time_ms, seq) that is nearly the whole table). A check
// (expire_clickhouse_events) therefore starts one only when
//  - no mutation of the table is still running (system.mutations, is_done = 0:
//    another collector's retention, an erasure's or an app purge's delete);
//    the check is repeated later instead of piling a second rewrite on it;
//  - no mutation with this very cut-off was started already (by this or
//    another collector; system.mutations keeps the finished ones' command);
//    rows older than the cut-off that arrive after it (an export catching up
//    on old events) go with the next day's cut-off;
//  - some row is older than the cut-off (and the table exists: the exporter
//    creates it with its first export).
// It does not wait for the mutation: the next check sees it in
// system.mutations. Two collectors checking at the very same moment may both
// start the day's mutation; the second deletes nothing more.
//
// Threading: start() and stop() are called by the owner's thread; the checks
// run on a thread of their own with a client of their own.
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

// How often a collector checks whether a ClickHouse retention mutation is due.
inline constexpr std::chrono::milliseconds kClickHouseRetentionCheck = std::chrono::hours(1);
// A failed check (ClickHouse down) is tried again after this.
inline constexpr std::chrono::milliseconds kClickHouseRetentionRetry = std::chrono::minutes(1);

// The cut-off (ms since the epoch) for `now_ms` and a period of
// `retention_ms`: midnight UTC of the day now_ms - retention_ms falls in.
std::int64_t clickhouse_retention_cut_off(std::int64_t now_ms, std::int64_t retention_ms);

struct ClickHouseRetentionCheck {
  enum class Outcome {
    failed,            // `error` says why (nothing started).
    mutation_running,  // A mutation of the table is not done yet: wait.
    already_started,   // A mutation with this cut-off exists (done).
    nothing_expired,   // No row older than the cut-off.
    started,           // The ALTER … DELETE was accepted.
  };
  Outcome outcome = Outcome::failed;
  std::string error;
  std::uint64_t running_mutations = 0;  // mutation_running: how many.
  std::uint64_t expired_rows = 0;       // started: rows older than the cut-off then.
};

// One check for `database`.events (see above); `client` may be connected to
// any database (names are qualified), and `database` need not exist yet.
ClickHouseRetentionCheck expire_clickhouse_events(analytics::ClickHouseClient& client, const std::string& database,
                                                  std::int64_t cut_off_ms);

class ClickHouseRetention {
 public:
  struct Options {
    analytics::ClickHouseEndpoint endpoint;  // endpoint.database holds the events table.
    std::int64_t retention_ms = 0;           // REQUIRES: > 0.
    std::chrono::milliseconds interval = kClickHouseRetentionCheck;
    std::chrono::milliseconds retry = kClickHouseRetentionRetry;
    std::function<std::int64_t()> now_ms;  // Wall clock; tests pass their own.
    metrics::Registry* metrics = nullptr;  // Optional.
  };

  explicit ClickHouseRetention(Options options);
  // Calls stop().
  ~ClickHouseRetention();
  ClickHouseRetention(const ClickHouseRetention&) = delete;
  ClickHouseRetention& operator=(const ClickHouseRetention&) = delete;

  // Starts the thread; it checks at once, then every interval.
  void start();
  // Stops after the current check (a mutation already started is finished
  // by ClickHouse). Idempotent.
  void stop();

 private:
  void run();
  // Sleeps up to `pause`; false when stopping.
  bool sleep(std::chrono::milliseconds pause);

  Options options_;
  metrics::Counter* mutations_ = nullptr;
  metrics::Counter* failures_ = nullptr;
  metrics::Gauge* last_check_ = nullptr;
  metrics::Gauge* cut_off_ = nullptr;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace cairn::analytics_api
