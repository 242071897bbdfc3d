// ClickHouseBackend: the analytics routes answered from the ClickHouse store
// (`--store clickhouse://`; analytics/clickhouse_analytics.h says how). Events reach ClickHouse through the ClickHouseExporter,
// asynchronously: an answer counts what was exported when it was asked,
// usually every event acknowledged more than a second before.
//
// Every valid query is answered; ClickHouse unreachable or failing is
// 503 store_unavailable.
//
// Threading: thread-safe; each call uses its own HTTP client.
#pragma once

#include "analytics/clickhouse_client.h"
#include "analytics_api/analytics_backend.h"

namespace cairn::analytics_api {

class ClickHouseBackend final : public AnalyticsBackend {
 public:
  explicit ClickHouseBackend(analytics::ClickHouseEndpoint endpoint) : endpoint_(std::move(endpoint)) {}

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
};

}  // namespace cairn::analytics_api
