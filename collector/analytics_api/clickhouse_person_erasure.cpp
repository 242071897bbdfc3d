#include "analytics_api/clickhouse_person_erasure.h"

#include "analytics/clickhouse_store_rows.h"
#include "analytics_api/clickhouse_row_deletion.h"
#include "store/person_erasure.h"

#include <boost/json/parse.hpp>

#include <algorithm>
#include <sstream>

namespace cairn::analytics_api {

namespace {

std::string rows_condition(const std::string& app_id, const std::vector<std::string>& user_keys,
                           const ClickHouseErasureScope& scope) {
  std::string sql = "app = " + analytics::clickhouse_quote(app_id) + " AND user IN (";
  for (std::size_t i = 0; i < user_keys.size(); ++i) {
    if (i > 0) sql += ", ";
    sql += analytics::clickhouse_quote(user_keys[i]);
  }
  const std::string own = "collector = " + analytics::clickhouse_quote(scope.collector_id) +
                          " AND seq <= " + std::to_string(std::max<std::int64_t>(scope.cut_off_event_id, 0));
  return sql + ") AND " + (scope.other_collectors ? "(NOT (collector = " +
                                                        analytics::clickhouse_quote(scope.collector_id) +
                                                        ") OR (" + own + "))"
                                                  : "(" + own + ")");
}

// The app's identity links in ClickHouse (every collector's), in its arrival
// order (clickhouse_store_rows.h).
bool read_links(analytics::ClickHouseClient& client, const std::string& database, const std::string& app_id,
                std::vector<store::IdentityLink>* links, std::string* error) {
  std::string body;
  if (!client.query("SELECT anonymous_id, user FROM " +
                        analytics::clickhouse_unique_rows_sql(database, app_id, "anonymous_id != ''") +
                        " ORDER BY seq, collector FORMAT JSONEachRow",
                    &body, error)) {
    return false;
  }
  std::istringstream lines(body);
  for (std::string line; std::getline(lines, line);) {
    if (line.empty()) continue;
    boost::system::error_code ec;
    boost::json::value row = boost::json::parse(line, ec);
    const boost::json::object* o = ec ? nullptr : row.if_object();
    const boost::json::value* anonymous_id = o ? o->if_contains("anonymous_id") : nullptr;
    const boost::json::value* user = o ? o->if_contains("user") : nullptr;
    if (!anonymous_id || !user || !anonymous_id->is_string() || !user->is_string()) {
      *error = "unexpected identity link row: " + line;
      return false;
    }
    links->push_back({std::string(anonymous_id->get_string()), std::string(user->get_string())});
  }
  return true;
}

}  // namespace

std::string clickhouse_erasure_sql(const std::string& database, const std::string& app_id,
                                   const std::vector<std::string>& user_keys, const ClickHouseErasureScope& scope) {
  return "ALTER TABLE " + database + ".events DELETE WHERE " + rows_condition(app_id, user_keys, scope);
}

std::string erase_clickhouse_person(const analytics::ClickHouseEndpoint& endpoint, const std::string& app_id,
                                    const std::string& user_key, std::vector<std::string> user_keys,
                                    const ClickHouseErasureScope& scope, std::chrono::milliseconds wait) {
  analytics::ClickHouseClient client(endpoint);
  std::string error;
  std::vector<store::IdentityLink> links;
  if (!read_links(client, endpoint.database, app_id, &links, &error)) return "ClickHouse could not be read: " + error;
  for (std::string& id : store::ids_of_person(links, user_key)) {
    if (std::find(user_keys.begin(), user_keys.end(), id) == user_keys.end()) user_keys.push_back(std::move(id));
  }
  return delete_clickhouse_rows(client, endpoint.database, rows_condition(app_id, user_keys, scope), wait);
}

}  // namespace cairn::analytics_api
