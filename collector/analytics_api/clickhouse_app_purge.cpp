#include "analytics_api/clickhouse_app_purge.h"

#include "analytics/clickhouse_store_rows.h"
#include "analytics_api/clickhouse_row_deletion.h"
#include "clock/wall_clock.h"
#include "http/server.h"
#include "store/app_purge.h"

#include <boost/json/serialize.hpp>
#include <boost/json/string.hpp>
#include <sqlite3.h>

#include <algorithm>
#include <optional>

namespace cairn::analytics_api {

namespace {

// Admin writes and the event store's commits hold the file for milliseconds.
constexpr int kBusyTimeoutMs = 5000;
constexpr std::chrono::milliseconds kExportPoll{50};
// An app purging from SQLite is re-read at most this much less often than at first.
constexpr int kSqlitePurgePollGrowth = 8;

struct Connection {
  sqlite3* db = nullptr;
  ~Connection() { sqlite3_close(db); }
};

}  // namespace

ClickHouseAppPurge::ClickHouseAppPurge(Options options, std::function<std::int64_t()> exported_through)
    : options_(std::move(options)), exported_through_(std::move(exported_through)) {
  if (metrics::Registry* r = options_.metrics) {
    pending_ = &r->gauge("cairn_clickhouse_app_purges_pending",
                         "Deleted apps whose ClickHouse rows are not deleted yet (SQLite purge included)");
    waiting_for_export_ = &r->gauge("cairn_clickhouse_app_purges_waiting_for_export",
                                    "Deleted apps purged from SQLite whose ClickHouse rows wait for the exporter");
    failures_ = &r->counter("cairn_clickhouse_app_purge_failures_total",
                            "Failed attempts to delete a deleted app's ClickHouse rows, ClickHouse or SQLite errors "
                            "(each retried after a backoff); waiting for the exporter is not one");
  }
}

ClickHouseAppPurge::~ClickHouseAppPurge() { stop(); }

void ClickHouseAppPurge::start() {
  std::lock_guard lock(mutex_);
  if (thread_.joinable()) return;
  stopping_ = false;
  thread_ = std::thread([this] { run(); });
}

void ClickHouseAppPurge::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void ClickHouseAppPurge::wake() {
  {
    std::lock_guard lock(mutex_);
    woken_ = true;
  }
  wake_.notify_all();
}

bool ClickHouseAppPurge::sleep(std::chrono::milliseconds pause) {
  std::unique_lock lock(mutex_);
  wake_.wait_for(lock, pause, [this] { return stopping_ || woken_; });
  woken_ = false;
  return !stopping_;
}

bool ClickHouseAppPurge::wait_for_export(std::int64_t event_id) {
  const auto log_at = std::chrono::steady_clock::now() + options_.export_wait;
  bool logged = false;
  std::unique_lock lock(mutex_);
  // No deadline: the exporter retries by itself, and nothing can be deleted
  // before it passed (an app deleted meanwhile needs a higher id).
  while (exported_through_() < event_id) {
    if (stopping_) return false;
    if (!logged && std::chrono::steady_clock::now() >= log_at) {
      logged = true;
      const std::int64_t exported = exported_through_();
      lock.unlock();
      http::log_line(http::LogLevel::info, "clickhouse app purge waits for the export",
                     "\"event_id\":" + std::to_string(event_id) +
                         ",\"exported_through\":" + std::to_string(exported));
      lock.lock();
      continue;
    }
    wake_.wait_for(lock, kExportPoll, [this] { return stopping_; });
  }
  return true;
}

ClickHouseAppPurge::Pass ClickHouseAppPurge::pass() {
  Pass out;
  Connection c;
  if (sqlite3_open_v2(options_.sqlite_path.c_str(), &c.db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr) !=
      SQLITE_OK) {
    out.error = "sqlite: cannot open " + options_.sqlite_path;
    return out;
  }
  sqlite3_busy_timeout(c.db, kBusyTimeoutMs);
  std::string error;
  std::optional<store::ClickHousePurges> purges = store::read_clickhouse_purges(c.db, &error);
  if (!purges) {
    out.error = "sqlite: " + error;
    return out;
  }
  std::size_t pending = purges->ready.size() + purges->waiting;
  if (pending_) pending_->set(static_cast<std::int64_t>(pending));
  out.sqlite_purging = purges->waiting > 0;
  if (purges->ready.empty()) return out;
  const bool behind = exported_through_() < purges->highest_event_id;
  if (waiting_for_export_) waiting_for_export_->set(behind ? static_cast<std::int64_t>(purges->ready.size()) : 0);
  const bool passed = wait_for_export(purges->highest_event_id);
  if (waiting_for_export_) waiting_for_export_->set(0);
  if (!passed) return out;  // Stopping: pending until the next start.
  analytics::ClickHouseClient client(options_.endpoint);
  for (const std::string& app_id : purges->ready) {
    out.error = delete_clickhouse_rows(client, options_.endpoint.database,
                                       "app = " + analytics::clickhouse_quote(app_id), options_.mutation_wait);
    if (out.error.empty()) out.error = store::record_clickhouse_purge(c.db, app_id, wall_clock_ms());
    if (!out.error.empty()) {
      out.error = "app " + app_id + ": " + out.error;
      return out;
    }
    if (pending_) pending_->set(static_cast<std::int64_t>(--pending));
  }
  return out;
}

void ClickHouseAppPurge::run() {
  std::chrono::milliseconds backoff = options_.min_backoff;
  std::chrono::milliseconds sqlite_poll = kSqlitePurgePoll;
  for (;;) {
    const Pass p = pass();
    std::chrono::milliseconds pause = options_.recheck;
    if (!p.error.empty()) {
      if (failures_) failures_->increment();
      http::log_line(http::LogLevel::warn, "clickhouse app purge failed",
                     "\"error\":" + boost::json::serialize(boost::json::string(p.error)) +
                         ",\"retry_ms\":" + std::to_string(backoff.count()));
      pause = backoff;
      backoff = std::min(backoff * 2, options_.max_backoff);
    } else {
      backoff = options_.min_backoff;
    }
    // A failure's backoff wins: the purging app is looked at with the retry.
    if (p.sqlite_purging && p.error.empty()) {
      pause = std::min(pause, sqlite_poll);
      sqlite_poll = std::min(sqlite_poll * 2, kSqlitePurgePoll * kSqlitePurgePollGrowth);
    } else {
      sqlite_poll = kSqlitePurgePoll;
    }
    if (!sleep(pause)) return;
  }
}

}  // namespace cairn::analytics_api
