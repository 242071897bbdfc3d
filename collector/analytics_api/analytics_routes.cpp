#include "analytics_api/analytics_routes.h"

#include "analytics/analytics_engine.h"
#include "analytics/funnel_json.h"
#include "analytics/report_json.h"
#include "analytics/sqlite_event_source.h"
#include "json/reader.h"

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <sqlite3.h>

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <mutex>

namespace cairn::analytics_api {

namespace {

constexpr std::size_t kMaxQueryBodyBytes = 64 * 1024;
constexpr std::size_t kMaxQueryBodyDepth = 16;

std::int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// The highest events.id, read on a fresh read-only connection so it sees
// every commit acknowledged before the call. -1 when the table is missing
// (nothing ingested yet) or unreadable.
std::int64_t latest_event_id(const std::string& path) {
  sqlite3* db = nullptr;
  std::int64_t id = -1;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db, "SELECT coalesce(max(id), 0) FROM events", -1, &stmt, nullptr) ==
            SQLITE_OK &&
        sqlite3_step(stmt) == SQLITE_ROW) {
      id = sqlite3_column_int64(stmt, 0);
    }
    sqlite3_finalize(stmt);
  }
  sqlite3_close(db);
  return id;
}

// One app's engine and the event id it was built at.
struct AppEngine {
  std::unique_ptr<analytics::SqliteEventSource> source;
  std::unique_ptr<analytics::AnalyticsEngine> engine;
  std::int64_t built_at_id = 0;
};

class Engines {
 public:
  explicit Engines(std::string path) : path_(std::move(path)) {}

  // The app's engine, current up to every event committed before the call;
  // nullptr with `*error` when the index cannot be built.
  std::shared_ptr<AppEngine> current(const std::string& app_id, std::string* error) {
    std::int64_t latest = latest_event_id(path_);
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = engines_.find(app_id);
    if (it != engines_.end() && it->second->built_at_id == latest && latest >= 0) {
      return it->second;
    }
    auto fresh = std::make_shared<AppEngine>();
    fresh->source = std::make_unique<analytics::SqliteEventSource>(path_, app_id);
    fresh->engine = std::make_unique<analytics::AnalyticsEngine>(*fresh->source,
                                                                analytics::AnalyticsEngine::Options{});
    fresh->built_at_id = latest;
    if (!fresh->engine->start(error)) return nullptr;
    engines_[app_id] = fresh;
    return fresh;
  }

 private:
  std::string path_;
  std::mutex mutex_;
  std::map<std::string, std::shared_ptr<AppEngine>, std::less<>> engines_;
};

http::Response bad_query(const json::Problems& problems) {
  return http::error_response(400, "invalid_query", problems.summary(), problems.to_json());
}

http::Response engine_error(const std::string& error) {
  return http::error_response(500, "analytics_error", error.empty() ? "the query failed" : error);
}

// Parses, validates and answers one kind of query.
using Answer = std::function<http::Response(const boost::json::value& body, analytics::AnalyticsEngine&)>;

}  // namespace

void add_analytics_routes(http::Router& router, admin::AppDirectory& apps,
                          auth::Authenticator& authenticator, std::string database_path) {
  auto engines = std::make_shared<Engines>(std::move(database_path));
  auto mount = [&](const std::string& kind, Answer answer) {
    router.add_sync(
        "POST", "/api/apps/{app_id}/analytics/" + kind,
        [&apps, &authenticator, engines, answer = std::move(answer)](const http::Request& request) {
          auto result = authenticator.authorize(request, auth::Permission::view, now_ms());
          http::Response r;
          if (http::Response* refused = std::get_if<http::Response>(&result)) {
            r = std::move(*refused);
          } else {
            std::string app_id(request.path_param("app_id"));
            json::Problems problems;
            if (!apps.find_app(app_id)) {
              r = http::error_response(404, "not_found", "app not found");
            } else if (std::optional<boost::json::value> body = json::parse_document(
                           request.body, problems,
                           {.max_bytes = kMaxQueryBodyBytes, .max_depth = kMaxQueryBodyDepth})) {
              std::string error;
              std::shared_ptr<AppEngine> engine = engines->current(app_id, &error);
              r = engine ? answer(*body, *engine->engine) : engine_error(error);
            } else {
              r = http::error_response(400, "invalid_json", problems.summary(), problems.to_json());
            }
          }
          r.set_header("Cache-Control", "no-store");
          return r;
        });
  };

  mount("funnel", [](const boost::json::value& body, analytics::AnalyticsEngine& engine) {
    json::Problems problems;
    std::optional<analytics::FunnelQuery> query = analytics::read_funnel_query(body, problems);
    if (!query || !problems.empty()) return bad_query(problems);
    std::string error;
    std::optional<analytics::FunnelResult> result = engine.funnel(*query, &error);
    if (!result) return engine_error(error);
    return http::json_response(analytics::write_funnel_result(*result, *query));
  });
  mount("guides", [](const boost::json::value& body, analytics::AnalyticsEngine& engine) {
    json::Problems problems;
    std::optional<analytics::GuideQuery> query = analytics::read_guide_query(body, problems);
    if (!query || !problems.empty()) return bad_query(problems);
    std::string error;
    std::optional<analytics::GuideReport> report = engine.guides(*query, &error);
    if (!report) return engine_error(error);
    return http::json_response(analytics::write_guide_report(*report));
  });
  mount("stuck", [](const boost::json::value& body, analytics::AnalyticsEngine& engine) {
    json::Problems problems;
    std::optional<analytics::StuckQuery> query = analytics::read_stuck_query(body, problems);
    if (!query || !problems.empty()) return bad_query(problems);
    std::string error;
    std::optional<analytics::StuckReport> report = engine.stuck(*query, &error);
    if (!report) return engine_error(error);
    return http::json_response(analytics::write_stuck_report(*report));
  });
  mount("trends", [](const boost::json::value& body, analytics::AnalyticsEngine& engine) {
    json::Problems problems;
    std::optional<analytics::TrendQuery> query = analytics::read_trend_query(body, problems);
    if (!query || !problems.empty()) return bad_query(problems);
    std::string error;
    std::optional<analytics::TrendReport> report = engine.trends(*query, &error);
    if (!report) return engine_error(error);
    return http::json_response(analytics::write_trend_report(*report, *query));
  });
}

}  // namespace cairn::analytics_api
