#include "people/people_search_route.h"

#include "json/problems.h"
#include "json/utf8.h"
#include "people/people_search.h"
#include "people/whole_number.h"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <optional>
#include <string>

namespace cairn::people {

namespace {

namespace bj = boost::json;

// Reads q and limit; query parameters are reported at /<name>.
std::optional<PeopleSearchQuery> read_query(const http::Request& request, json::Problems& problems) {
  PeopleSearchQuery query;
  query.app_id = request.path_param("app_id");
  std::optional<std::string> text = request.query_param("q");
  if (!text || text->empty()) {
    problems.add("/q", "is required: the start of a user key, or part of an email or name");
  } else if (text->size() > PeopleSearchLimits::kMaxTextBytes) {
    problems.add("/q", "must be at most " + std::to_string(PeopleSearchLimits::kMaxTextBytes) + " bytes");
  } else if (json::has_control_character(*text)) {
    problems.add("/q", "must not contain control characters");
  } else {
    query.text = std::move(*text);
  }
  if (std::optional<std::string> limit = request.query_param("limit")) {
    std::optional<std::int64_t> n = whole_number(*limit, 1, static_cast<std::int64_t>(PeopleSearchLimits::kMaxResults));
    if (n) {
      query.limit = static_cast<std::size_t>(*n);
    } else {
      problems.add("/limit", "must be a whole number from 1 to " + std::to_string(PeopleSearchLimits::kMaxResults));
    }
  }
  if (!problems.empty()) return std::nullopt;
  return query;
}

bj::object people_search_json(const PeopleSearchResult& result) {
  bj::array people;
  for (const PersonMatch& m : result.people) {
    bj::object person{{"user_key", m.user_key}};
    if (m.email) person["email"] = *m.email;
    if (m.name) person["name"] = *m.name;
    person["last_seen_ms"] = m.last_seen_ms;
    people.push_back(std::move(person));
  }
  return bj::object{{"people", std::move(people)}, {"truncated", result.truncated}};
}

}  // namespace

http::Response answer_people_search(const http::Request& request, admin::Database& db) {
  json::Problems problems;
  std::optional<PeopleSearchQuery> query = read_query(request, problems);
  if (!query) return http::error_response(422, "invalid_request", problems.summary(), problems.to_json());
  std::string error;
  std::optional<PeopleSearchResult> result = search_people(db, *query, &error);
  if (!result) return http::error_response(500, "people_error", error);
  return http::json_response(people_search_json(*result));
}

}  // namespace cairn::people
