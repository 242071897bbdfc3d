// AnalyticsBackend: what answers the analytics routes, per app: the
// in-memory engines over the SQLite store (AppEngines, the default) or the
// ClickHouse store (ClickHouseBackend, `--store clickhouse://`). The routes
// parse and validate the query; a backend only answers it.
//
// Threading: implementations are thread-safe (the routes run on every I/O
// thread).
#pragma once

#include "analytics/funnel_query.h"
#include "analytics/guide_report.h"
#include "analytics/stuck_report.h"
#include "analytics/trend_report.h"

#include <optional>
#include <string>

namespace cairn::analytics_api {

// Why a backend did not answer, as the HTTP error it becomes.
struct BackendError {
  int status = 500;
  std::string code = "analytics_error";
  std::string message;
};

class AnalyticsBackend {
 public:
  virtual ~AnalyticsBackend() = default;
  // REQUIRES for each: the query passed its validate_* function.
  virtual std::optional<analytics::FunnelResult> funnel(const std::string& app_id,
                                                        const analytics::FunnelQuery& query, BackendError* error) = 0;
  virtual std::optional<analytics::GuideReport> guides(const std::string& app_id, const analytics::GuideQuery& query,
                                                       BackendError* error) = 0;
  virtual std::optional<analytics::StuckReport> stuck(const std::string& app_id, const analytics::StuckQuery& query,
                                                      BackendError* error) = 0;
  virtual std::optional<analytics::TrendReport> trends(const std::string& app_id, const analytics::TrendQuery& query,
                                                       BackendError* error) = 0;
};

}  // namespace cairn::analytics_api
