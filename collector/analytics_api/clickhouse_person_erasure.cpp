#include "analytics_api/clickhouse_person_erasure.h"

#include "analytics/clickhouse_store_rows.h"
#include "store/person_erasure.h"

#include <boost/json/parse.hpp>

#include <algorithm>
#include <charconv>
#include <sstream>
#include <thread>

namespace cairn::analytics_api {

namespace {

constexpr std::chrono::milliseconds kPollInterval{50};

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

// The single number a `SELECT count()` answers; false when it is not one.
bool read_count(analytics::ClickHouseClient& client, const std::string& sql, std::uint64_t* n, std::string* error) {
  std::string out;
  if (!client.query(sql, &out, error)) return false;
  while (!out.empty() && (out.back() == '\n' || out.back() == '\r')) out.pop_back();
  auto [end, ec] = std::from_chars(out.data(), out.data() + out.size(), *n);
  if (ec != std::errc() || end != out.data() + out.size()) {
    *error = "unexpected answer to a count: " + out;
    return false;
  }
  return true;
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
  const std::string count_sql =
      "SELECT count() FROM " + endpoint.database + ".events WHERE " + rows_condition(app_id, user_keys, scope);
  const auto deadline = std::chrono::steady_clock::now() + wait;
  std::uint64_t left = 0;
  if (!read_count(client, count_sql, &left, &error)) return "ClickHouse could not be read: " + error;
  if (left == 0) return "";
  if (!client.query(clickhouse_erasure_sql(endpoint.database, app_id, user_keys, scope), nullptr, &error)) {
    return "ClickHouse refused the deletion: " + error;
  }
  // The mutation runs in the background; the rows stay visible until it is done.
  for (;;) {
    if (!read_count(client, count_sql, &left, &error)) return "ClickHouse could not be read: " + error;
    if (left == 0 || std::chrono::steady_clock::now() >= deadline) break;
    std::this_thread::sleep_for(kPollInterval);
  }
  if (left > 0) return "ClickHouse still holds " + std::to_string(left) + " of the person's rows";
  return "";
}

}  // namespace cairn::analytics_api
