#include "analytics_api/analytics_service.h"

#include "analytics/clickhouse_analytics.h"
#include "analytics_api/clickhouse_backend.h"
#include "analytics_api/clickhouse_person_erasure.h"
#include "http/server.h"

#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include <thread>

namespace cairn::analytics_api {

namespace {

// Per HTTP request to ClickHouse: long enough for a funnel over a large
// table, short enough that a hung server frees the thread.
constexpr long kClickHouseTimeoutMs = 60000;

constexpr std::size_t kBytesPerMiB = 1024 * 1024;

// config/ does not link the analytics library: one default, checked here.
static_assert(config::Config::kDefaultClickHouseMaxRows == analytics::kClickHouseMaxLoadedRows);

}  // namespace

AnalyticsService::AnalyticsService(const config::Config& config, metrics::Registry* metrics) {
  if (config.clickhouse) {
    analytics::ClickHouseEndpoint endpoint{config.clickhouse->host, config.clickhouse->port,
                                           config.clickhouse->database, kClickHouseTimeoutMs, interrupted_};
    analytics::ClickHouseExporter::Options options;
    options.endpoint = endpoint;
    options.sqlite_path = config.sqlite_path();
    options.metrics = metrics;
    // The first failure of an outage and every tenth after it (with the
    // backoff at its 30 s cap, one line per 5 minutes), then the recovery.
    options.on_failure = [](const std::string& error, std::uint64_t failures_in_a_row) {
      if (error == analytics::kClickHouseCancelled) return;  // Shutting down.
      if (failures_in_a_row != 1 && failures_in_a_row % 10 != 0) return;
      http::log_line(http::LogLevel::warn, "clickhouse export failed; retrying, events wait in SQLite",
                     "\"error\":" + boost::json::serialize(boost::json::value(error)) +
                         ",\"failures_in_a_row\":" + std::to_string(failures_in_a_row));
    };
    options.on_recovery = [](std::uint64_t failures) {
      http::log_line(http::LogLevel::info, "clickhouse export resumed",
                     "\"failed_attempts\":" + std::to_string(failures));
    };
    exporter_ = std::make_unique<analytics::ClickHouseExporter>(options);
    ClickHouseAppPurge::Options purge;
    purge.endpoint = endpoint;
    purge.sqlite_path = options.sqlite_path;
    purge.metrics = metrics;
    app_purge_ = std::make_unique<ClickHouseAppPurge>(
        purge, [exporter = exporter_.get()] { return exporter->exported_through(); });
    if (config.retention_days > 0) {
      ClickHouseRetention::Options retention;
      retention.endpoint = endpoint;
      retention.retention_ms = static_cast<std::int64_t>(config.retention_days) * 24 * 60 * 60 * 1000;
      retention.metrics = metrics;
      retention_ = std::make_unique<ClickHouseRetention>(retention);
    }
    backend_ = std::make_shared<ClickHouseBackend>(endpoint, config.clickhouse_max_rows);
    clickhouse_ = endpoint;
  } else {
    AppEngines::Options options;
    options.memory_budget_bytes = config.analytics_memory_mb * kBytesPerMiB;
    options.metrics = metrics;
    engines_ = std::make_shared<AppEngines>(config.sqlite_path(), options);
    backend_ = engines_;
  }
}

AnalyticsService::~AnalyticsService() { stop(); }

void AnalyticsService::committed(std::int64_t last_event_id) {
  if (engines_) engines_->committed(last_event_id);
  if (exporter_) exporter_->committed(last_event_id);
}

std::string AnalyticsService::forget_person(const std::string& app_id, const std::vector<std::string>& user_keys,
                                           std::int64_t cut_off_event_id, bool replay) {
  if (engines_) engines_->forget(app_id);
  if (!exporter_) return "";
  // A batch the exporter read before the erasure must land before the
  // mutation, or it would bring the rows back after it. The exporter passes
  // the erased ids too (ClickHouseExporter::exported_through), so this also
  // ends when the erased rows were the newest.
  const auto deadline = std::chrono::steady_clock::now() + kClickHouseErasureWait;
  while (exporter_->exported_through() < cut_off_event_id) {
    if (interrupted_->load()) return analytics::kClickHouseCancelled;
    if (std::chrono::steady_clock::now() >= deadline) {
      return "the ClickHouse export is behind (ClickHouse may be down), so its copy was not deleted";
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  // Known once the exporter ran (it exported through the erasure above).
  ClickHouseErasureScope scope{exporter_->stats().collector_id, cut_off_event_id, !replay};
  if (scope.collector_id.empty()) return "the ClickHouse export has not started, so its copy was not deleted";
  return erase_clickhouse_person(*clickhouse_, app_id, user_keys.front(), user_keys, scope);
}

void AnalyticsService::forget_app(const std::string& app_id) {
  if (engines_) engines_->forget(app_id);
  if (app_purge_) app_purge_->wake();
}

void AnalyticsService::events_expired(const std::string& app_id) {
  if (engines_) engines_->forget(app_id);
}

std::function<std::int64_t()> AnalyticsService::export_watermark() const {
  if (!exporter_) return {};
  return [exporter = exporter_.get()] { return exporter->exported_through(); };
}

void AnalyticsService::start() {
  if (engines_) engines_->follow_commits();
  if (exporter_) exporter_->start();
  if (app_purge_) app_purge_->start();
  if (retention_) retention_->start();
}

void AnalyticsService::interrupt() { interrupted_->store(true); }

void AnalyticsService::stop() {
  if (retention_) retention_->stop();
  if (app_purge_) app_purge_->stop();
  if (exporter_) exporter_->stop();
}

}  // namespace cairn::analytics_api
