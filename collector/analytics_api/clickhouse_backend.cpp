#include "analytics_api/clickhouse_backend.h"

#include "analytics/clickhouse_analytics.h"

namespace cairn::analytics_api {

namespace {

// Runs one clickhouse_store_* function with a fresh client, mapping its
// error to the HTTP answer.
template <class Result, class Query, class Ask>
std::optional<Result> ask_store(const analytics::ClickHouseEndpoint& endpoint, const std::string& app_id,
                                const Query& query, BackendError* error, Ask ask) {
  analytics::ClickHouseClient client(endpoint);
  analytics::ClickHouseQueryError e;
  std::optional<Result> result = ask(client, endpoint.database, app_id, query, &e);
  if (!result && e.too_many_rows) {
    // The query is valid but this collector will not hold its rows: the
    // message names the limit, the count and what to ask instead.
    *error = BackendError{422, "too_many_rows", e.message};
  } else if (!result) {
    *error = BackendError{503, "store_unavailable", "ClickHouse: " + e.message};
  }
  return result;
}

}  // namespace

std::optional<analytics::FunnelResult> ClickHouseBackend::funnel(const std::string& app_id,
                                                                 const analytics::FunnelQuery& query,
                                                                 BackendError* error) {
  return ask_store<analytics::FunnelResult>(
      endpoint_, app_id, query, error,
      [this](analytics::ClickHouseClient& client, const std::string& database, const std::string& app,
             const analytics::FunnelQuery& q, analytics::ClickHouseQueryError* e) {
        return analytics::clickhouse_store_funnel(client, database, app, q, e, analytics::kEngineFunnelMaxRows,
                                                  max_loaded_rows_);
      });
}

std::optional<analytics::GuideReport> ClickHouseBackend::guides(const std::string& app_id,
                                                                const analytics::GuideQuery& query,
                                                                BackendError* error) {
  return ask_store<analytics::GuideReport>(
      endpoint_, app_id, query, error,
      [this](analytics::ClickHouseClient& client, const std::string& database, const std::string& app,
             const analytics::GuideQuery& q, analytics::ClickHouseQueryError* e) {
        return analytics::clickhouse_store_guides(client, database, app, q, e, max_loaded_rows_);
      });
}

std::optional<analytics::StuckReport> ClickHouseBackend::stuck(const std::string& app_id,
                                                               const analytics::StuckQuery& query,
                                                               BackendError* error) {
  return ask_store<analytics::StuckReport>(
      endpoint_, app_id, query, error,
      [this](analytics::ClickHouseClient& client, const std::string& database, const std::string& app,
             const analytics::StuckQuery& q, analytics::ClickHouseQueryError* e) {
        return analytics::clickhouse_store_stuck(client, database, app, q, e, max_loaded_rows_);
      });
}

std::optional<analytics::TrendReport> ClickHouseBackend::trends(const std::string& app_id,
                                                                const analytics::TrendQuery& query,
                                                                BackendError* error) {
  return ask_store<analytics::TrendReport>(
      endpoint_, app_id, query, error,
      [this](analytics::ClickHouseClient& client, const std::string& database, const std::string& app,
             const analytics::TrendQuery& q, analytics::ClickHouseQueryError* e) {
        return analytics::clickhouse_store_trends(client, database, app, q, e, max_loaded_rows_);
      });
}

}  // namespace cairn::analytics_api
