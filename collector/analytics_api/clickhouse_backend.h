// ClickHouseBackend: the analytics routes answered from the ClickHouse store
// (`--store clickhouse://`; analytics/clickhouse_analytics.h says how). Events reach ClickHouse through the ClickHouseExporter,
// asynchronously: an answer counts what was exported when it was asked,
// usually every event acknowledged more than a second before.
//
// Every valid query is answered, except a report that would load more rows
// into the collector than `max_loaded_rows` (--clickhouse-max-rows): 422
// too_many_rows, saying what to ask instead. ClickHouse unreachable or
// failing is 503 store_unavailable.
//
// Threading: thread-safe; each call uses its own HTTP client.
#pragma once

#include "analytics/clickhouse_client.h"
#include "analytics_api/analytics_backend.h"

#include <cstdint>

namespace cairn::analytics_api {

class ClickHouseBackend final : public AnalyticsBackend {
 public:
  ClickHouseBackend(analytics::ClickHouseEndpoint endpoint, std::uint64_t max_loaded_rows)
      : endpoint_(std::move(endpoint)), max_loaded_rows_(max_loaded_rows) {}

  std::optional<analytics::FunnelResult> funnel(const std::string& app_id, const analytics::FunnelQuery& query,
                                                BackendError* error) override;
  std::optional<analytics::GuideReport> guides(const std::string& app_id, const analytics::GuideQuery& query,
                                               BackendError* error) override;
  std::optional<analytics::StuckReport> stuck(const std::string& app_id, const analytics::StuckQuery& query,
                                              BackendError* error) override;
  std::optional<analytics::TrendReport> trends(const std::string& app_id, const analytics::TrendQuery& query,
                                               BackendError* error) override;

 private:
  analytics::ClickHouseEndpoint endpoint_;
  std::uint64_t max_loaded_rows_;
};

}  // namespace cairn::analytics_api
