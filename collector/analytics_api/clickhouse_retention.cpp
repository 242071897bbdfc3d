#include "analytics_api/clickhouse_retention.h"

#include "analytics_api/clickhouse_row_deletion.h"
#include "clock/wall_clock.h"
#include "http/server.h"

#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include <utility>

namespace cairn::analytics_api {

namespace {

constexpr std::int64_t kDayMs = 24LL * 60 * 60 * 1000;

// The mutation's condition, written as ClickHouse 18.16 echoes it in
// system.mutations.command ("DELETE WHERE time_ms < 1700000000000"), which is
// how a later check finds that this cut-off was applied already.
std::string condition(std::int64_t cut_off_ms) { return "time_ms < " + std::to_string(cut_off_ms); }

}  // namespace

std::int64_t clickhouse_retention_cut_off(std::int64_t now_ms, std::int64_t retention_ms) {
  const std::int64_t t = now_ms - retention_ms;
  // Floor, also for times before 1970 (a test's clock).
  return (t >= 0 ? t / kDayMs : -((-t + kDayMs - 1) / kDayMs)) * kDayMs;
}

ClickHouseRetentionCheck expire_clickhouse_events(analytics::ClickHouseClient& client, const std::string& database,
                                                  std::int64_t cut_off_ms) {
  ClickHouseRetentionCheck check;
  // The exporter creates the table with its first export, maybe after this
  // first check (a new install): no table, nothing expired, no failure.
  std::uint64_t tables = 0;
  if (!read_clickhouse_count(client,
                             "SELECT count() FROM system.tables WHERE database = " +
                                 analytics::clickhouse_quote(database) + " AND name = 'events'",
                             &tables, &check.error)) {
    return check;
  }
  if (tables == 0) {
    check.outcome = ClickHouseRetentionCheck::Outcome::nothing_expired;
    return check;
  }
  const std::string mutations = "SELECT count() FROM system.mutations WHERE database = " +
                                analytics::clickhouse_quote(database) + " AND table = 'events'";
  if (!read_clickhouse_count(client, mutations + " AND is_done = 0", &check.running_mutations, &check.error)) {
    return check;
  }
  if (check.running_mutations > 0) {
    check.outcome = ClickHouseRetentionCheck::Outcome::mutation_running;
    return check;
  }
  const std::string where = condition(cut_off_ms);
  std::uint64_t same = 0;
  if (!read_clickhouse_count(client, mutations + " AND command = " + analytics::clickhouse_quote("DELETE WHERE " + where),
                             &same, &check.error)) {
    return check;
  }
  if (same > 0) {
    check.outcome = ClickHouseRetentionCheck::Outcome::already_started;
    return check;
  }
  if (!read_clickhouse_count(client, "SELECT count() FROM " + database + ".events WHERE " + where,
                             &check.expired_rows, &check.error)) {
    return check;
  }
  if (check.expired_rows == 0) {
    check.outcome = ClickHouseRetentionCheck::Outcome::nothing_expired;
    return check;
  }
  if (!client.query("ALTER TABLE " + database + ".events DELETE WHERE " + where, nullptr, &check.error)) {
    check.error = "ClickHouse refused the deletion: " + check.error;
    return check;
  }
  check.outcome = ClickHouseRetentionCheck::Outcome::started;
  return check;
}

ClickHouseRetention::ClickHouseRetention(Options options) : options_(std::move(options)) {
  if (!options_.now_ms) options_.now_ms = [] { return wall_clock_ms(); };
  if (metrics::Registry* r = options_.metrics) {
    mutations_ = &r->counter("cairn_clickhouse_retention_mutations_total",
                             "ALTER TABLE … DELETE mutations retention started in ClickHouse");
    failures_ = &r->counter("cairn_clickhouse_retention_failures_total",
                            "Failed ClickHouse retention checks (ClickHouse unreachable or refusing; retried)");
    last_check_ = &r->gauge("cairn_clickhouse_retention_last_check_timestamp_seconds",
                            "Unix time of the last ClickHouse retention check that succeeded; 0: none yet");
    cut_off_ = &r->gauge("cairn_clickhouse_retention_cut_off_timestamp_seconds",
                         "ClickHouse rows with an event time before this are deleted or being deleted; 0: none yet");
  }
}

ClickHouseRetention::~ClickHouseRetention() { stop(); }

void ClickHouseRetention::start() {
  std::lock_guard lock(mutex_);
  if (thread_.joinable()) return;
  stopping_ = false;
  thread_ = std::thread([this] { run(); });
}

void ClickHouseRetention::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

bool ClickHouseRetention::sleep(std::chrono::milliseconds pause) {
  std::unique_lock lock(mutex_);
  wake_.wait_for(lock, pause, [this] { return stopping_; });
  return !stopping_;
}

void ClickHouseRetention::run() {
  // Connected to `default`: the store's database may not exist yet (the
  // exporter creates it); every name below is qualified with it.
  analytics::ClickHouseEndpoint connection = options_.endpoint;
  connection.database = "default";
  analytics::ClickHouseClient client(connection);
  using Outcome = ClickHouseRetentionCheck::Outcome;
  Outcome last = Outcome::started;
  for (;;) {
    const std::int64_t cut_off = clickhouse_retention_cut_off(options_.now_ms(), options_.retention_ms);
    ClickHouseRetentionCheck check = expire_clickhouse_events(client, options_.endpoint.database, cut_off);
    const std::string fields = "\"time_before_ms\":" + std::to_string(cut_off);
    switch (check.outcome) {
      case Outcome::failed:
        if (failures_) failures_->increment();
        if (check.error != analytics::kClickHouseCancelled) {
          http::log_line(http::LogLevel::warn, "clickhouse retention check failed; retrying",
                         fields + ",\"error\":" + boost::json::serialize(boost::json::value(check.error)));
        }
        last = check.outcome;
        if (!sleep(options_.retry)) return;
        continue;
      case Outcome::started:
        if (mutations_) mutations_->increment();
        if (cut_off_) cut_off_->set(cut_off / 1000);
        http::log_line(http::LogLevel::info, "clickhouse retention mutation started",
                       fields + ",\"rows\":" + std::to_string(check.expired_rows));
        break;
      case Outcome::already_started:
        if (cut_off_) cut_off_->set(cut_off / 1000);
        break;
      case Outcome::mutation_running:
        // Logged once per wait, not at every check.
        if (last != Outcome::mutation_running) {
          http::log_line(http::LogLevel::info, "clickhouse retention waits for a running mutation",
                         fields + ",\"running_mutations\":" + std::to_string(check.running_mutations));
        }
        break;
      case Outcome::nothing_expired: break;
    }
    last = check.outcome;
    if (last_check_) last_check_->set(options_.now_ms() / 1000);
    if (!sleep(options_.interval)) return;
  }
}

}  // namespace cairn::analytics_api
