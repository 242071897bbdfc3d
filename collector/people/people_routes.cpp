#include "people/people_routes.h"

#include "admin/app_route.h"
#include "http/pooled_route.h"
#include "json/problems.h"
#include "people/people_search_route.h"
#include "people/person_events.h"
#include "people/person_events_json.h"
#include "people/whole_number.h"

#include <cstdint>
#include <optional>
#include <string>

namespace cairn::people {

namespace {

// The event timestamps the event format accepts end in year 9999.
constexpr std::int64_t kMaxBeforeMs = 253402300800000;  // 10000-01-01T00:00:00Z

// Reads before_ms, limit and merge; query parameters are reported at /<name>.
std::optional<PersonEventsQuery> read_query(const http::Request& request, json::Problems& problems) {
  PersonEventsQuery query;
  query.app_id = request.path_param("app_id");
  query.user_key = request.path_param("user_key");
  if (std::optional<std::string> before = request.query_param("before_ms")) {
    query.before_ms = whole_number(*before, 0, kMaxBeforeMs);
    if (!query.before_ms) {
      problems.add("/before_ms", "must be a whole number of milliseconds since 1970 (0 to " +
                                     std::to_string(kMaxBeforeMs) + ")");
    }
  }
  if (std::optional<std::string> limit = request.query_param("limit")) {
    std::optional<std::int64_t> n =
        whole_number(*limit, 1, static_cast<std::int64_t>(PersonEventsLimits::kMaxEvents));
    if (n) {
      query.limit = static_cast<std::size_t>(*n);
    } else {
      problems.add("/limit", "must be a whole number from 1 to " + std::to_string(PersonEventsLimits::kMaxEvents));
    }
  }
  if (std::optional<std::string> merge = request.query_param("merge")) {
    if (*merge == "0" || *merge == "1") {
      query.merge = *merge == "1";
    } else {
      problems.add("/merge", "must be 1 (the events of every id linked to the person, the default) or 0 (the key's own)");
    }
  }
  if (!problems.empty()) return std::nullopt;
  return query;
}

// The answer once the request is authorized and the app exists: the query.
http::Response answer(const http::Request& request, admin::Database& db) {
  json::Problems problems;
  std::optional<PersonEventsQuery> query = read_query(request, problems);
  if (!query) return http::error_response(422, "invalid_request", problems.summary(), problems.to_json());
  std::string error;
  std::optional<PersonEventsPage> page = read_person_events(db, *query, &error);
  if (!page) return http::error_response(500, "people_error", error);
  return http::json_response(person_events_json(*page));
}

}  // namespace

void add_people_routes(http::Router& router, admin::Database& db, admin::AppDirectory& apps,
                       auth::Authenticator& authenticator, http::WorkPool& query_pool) {
  http::add_pooled(router, "GET", "/api/apps/{app_id}/people/{user_key}/events", query_pool,
                   [&db, &apps, &authenticator](const http::Request& request) {
                     return admin::answer_for_app(
                         request, apps, authenticator, auth::Permission::view,
                         [&db](const http::Request& r, const std::string&, const auth::Principal&) {
                           return answer(r, db);
                         });
                   });
  http::add_pooled(router, "GET", "/api/apps/{app_id}/people", query_pool,
                   [&db, &apps, &authenticator](const http::Request& request) {
                     return admin::answer_for_app(
                         request, apps, authenticator, auth::Permission::view,
                         [&db](const http::Request& r, const std::string&, const auth::Principal&) {
                           return answer_people_search(r, db);
                         });
                   });
}

}  // namespace cairn::people
