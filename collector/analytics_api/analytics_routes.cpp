#include "analytics_api/analytics_routes.h"

#include "admin/app_route.h"
#include "admin/json_body.h"
#include "analytics/funnel_json.h"
#include "analytics/report_json.h"
#include "http/pooled_route.h"
#include "json/reader.h"

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <functional>
#include <memory>

namespace cairn::analytics_api {

namespace {

constexpr std::size_t kMaxQueryBodyBytes = 64 * 1024;
constexpr std::size_t kMaxQueryBodyDepth = 16;

http::Response bad_query(const json::Problems& problems) {
  return http::error_response(422, "invalid_query", problems.summary(), problems.to_json());
}

http::Response backend_error(const BackendError& error) {
  return http::error_response(error.status, error.code, error.message.empty() ? "the query failed" : error.message);
}

// Parses, validates and answers one kind of query for one app.
using Answer = std::function<http::Response(const boost::json::value& body, const std::string& app_id,
                                            AnalyticsBackend&)>;

}  // namespace

void add_analytics_routes(http::Router& router, admin::AppDirectory& apps, auth::Authenticator& authenticator,
                          std::shared_ptr<AnalyticsBackend> shared_backend, http::WorkPool& query_pool) {
  auto mount = [&](const std::string& kind, Answer answer) {
    http::add_pooled(
        router, "POST", "/api/apps/{app_id}/analytics/" + kind, query_pool,
        [&apps, &authenticator, backend = shared_backend, answer = std::move(answer)](const http::Request& request) {
          return admin::answer_for_app(
              request, apps, authenticator, auth::Permission::view,
              [&](const http::Request&, const std::string& app_id, const auth::Principal&) {
                if (std::optional<http::Response> refusal = admin::refuse_unless_json(request)) {
                  return std::move(*refusal);
                }
                json::Problems problems;
                std::optional<boost::json::value> body = json::parse_document(
                    request.body, problems, {.max_bytes = kMaxQueryBodyBytes, .max_depth = kMaxQueryBodyDepth});
                if (!body) return http::error_response(400, "invalid_json", problems.summary(), problems.to_json());
                return answer(*body, app_id, *backend);
              });
        });
  };

  mount("funnel", [](const boost::json::value& body, const std::string& app_id, AnalyticsBackend& answering) {
    json::Problems problems;
    std::optional<analytics::FunnelQuery> query = analytics::read_funnel_query(body, problems);
    if (!query || !problems.empty()) return bad_query(problems);
    BackendError error;
    std::optional<analytics::FunnelResult> result = answering.funnel(app_id, *query, &error);
    if (!result) return backend_error(error);
    return http::json_response(analytics::write_funnel_result(*result, *query));
  });
  mount("guides", [](const boost::json::value& body, const std::string& app_id, AnalyticsBackend& answering) {
    json::Problems problems;
    std::optional<analytics::GuideQuery> query = analytics::read_guide_query(body, problems);
    if (!query || !problems.empty()) return bad_query(problems);
    BackendError error;
    std::optional<analytics::GuideReport> report = answering.guides(app_id, *query, &error);
    if (!report) return backend_error(error);
    return http::json_response(analytics::write_guide_report(*report));
  });
  mount("stuck", [](const boost::json::value& body, const std::string& app_id, AnalyticsBackend& answering) {
    json::Problems problems;
    std::optional<analytics::StuckQuery> query = analytics::read_stuck_query(body, problems);
    if (!query || !problems.empty()) return bad_query(problems);
    BackendError error;
    std::optional<analytics::StuckReport> report = answering.stuck(app_id, *query, &error);
    if (!report) return backend_error(error);
    return http::json_response(analytics::write_stuck_report(*report));
  });
  mount("trends", [](const boost::json::value& body, const std::string& app_id, AnalyticsBackend& answering) {
    json::Problems problems;
    std::optional<analytics::TrendQuery> query = analytics::read_trend_query(body, problems);
    if (!query || !problems.empty()) return bad_query(problems);
    BackendError error;
    std::optional<analytics::TrendReport> report = answering.trends(app_id, *query, &error);
    if (!report) return backend_error(error);
    return http::json_response(analytics::write_trend_report(*report, *query));
  });
}

}  // namespace cairn::analytics_api
