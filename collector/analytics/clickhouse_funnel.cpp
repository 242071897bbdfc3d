#include "analytics/clickhouse_funnel.h"

#include "analytics/event_condition_json.h"
#include "analytics/funnel_series.h"

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include <charconv>
#include <sstream>

namespace cairn::analytics {

void append_clickhouse_tsv_field(std::string_view text, std::string* out) {
  for (char c : text) {
    switch (c) {
      case '\t': *out += "\\t"; break;
      case '\n': *out += "\\n"; break;
      case '\\': *out += "\\\\"; break;
      default: out->push_back(c);
    }
  }
}

namespace {

std::string number_literal(double v) {
  char buffer[64];
  auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, v);
  return ec == std::errc() ? std::string(buffer, end) : std::string("nan");
}

// Appends "has(key) AND key = v" for one value, typed like the index: a string
// equals only a JSON string, a number only a JSON number.
void append_value_equals(const std::string& key, const PropertyValue& v, std::string* sql) {
  const std::string k = clickhouse_quote(key);
  sql->append("(visitParamHas(properties, ").append(k).append(") AND ");
  if (const std::string* text = std::get_if<std::string>(&v)) {
    sql->append("visitParamExtractRaw(properties, ").append(k).append(") LIKE '\"%' AND ");
    sql->append("visitParamExtractString(properties, ").append(k).append(") = ").append(clickhouse_quote(*text));
  } else {
    sql->append("visitParamExtractRaw(properties, ").append(k).append(") NOT LIKE '\"%' AND ");
    const PropertyNumber& n = std::get<PropertyNumber>(v);
    sql->append("visitParamExtractFloat(properties, ").append(k).append(") = ").append(number_literal(n.to_double()));
    // Beyond 2^53 a float equals its neighbours too: the integer's digits
    // tell them apart, as the index does (property_number.h).
    if (n.is_integer() && (n.integer() > (std::int64_t{1} << 53) || n.integer() < -(std::int64_t{1} << 53))) {
      sql->append(" AND visitParamExtractRaw(properties, ").append(k).append(") = ");
      sql->append(clickhouse_quote(std::to_string(n.integer())));
    }
  }
  sql->append(")");
}

void append_contains(const std::string& key, const PropertyValue& v, std::string* sql) {
  const std::string* needle = std::get_if<std::string>(&v);
  if (!needle) {
    sql->append("0");
    return;
  }
  const std::string k = clickhouse_quote(key);
  sql->append("(visitParamExtractRaw(properties, ").append(k).append(") LIKE '\"%' AND ");
  sql->append("position(visitParamExtractString(properties, ").append(k).append("), ");
  sql->append(clickhouse_quote(*needle)).append(") > 0)");
}

}  // namespace

std::string clickhouse_condition_sql(const EventCondition& c) {
  std::string sql = "(event = ";
  sql.append(clickhouse_quote(c.event));
  for (const PropertyFilter& f : c.filters) {
    sql.append(f.op == FilterOp::neq ? " AND NOT (" : " AND (");
    if (f.values.empty()) sql.append("0");
    for (std::size_t i = 0; i < f.values.size(); ++i) {
      if (i > 0) sql.append(" OR ");
      if (f.op == FilterOp::contains) {
        append_contains(f.property, f.values[i], &sql);
      } else {
        append_value_equals(f.property, f.values[i], &sql);
      }
    }
    sql.append(")");
  }
  sql.append(")");
  return sql;
}

std::string clickhouse_events_ddl(const std::string& table) {
  return "CREATE TABLE IF NOT EXISTS " + table +
         " (user String, time_ms Int64, seq UInt64, event String, properties String)"
         " ENGINE = MergeTree ORDER BY (user, time_ms, seq)";
}

void append_clickhouse_row(const EventRow& row, std::uint64_t seq, std::string* out) {
  append_clickhouse_tsv_field(row.user, out);
  out->push_back('\t');
  *out += std::to_string(row.time_ms);
  out->push_back('\t');
  *out += std::to_string(seq);
  out->push_back('\t');
  append_clickhouse_tsv_field(row.event, out);
  out->push_back('\t');
  boost::json::object properties;
  for (const auto& [key, value] : row.properties) properties[key] = write_property_value(value);
  append_clickhouse_tsv_field(boost::json::serialize(properties), out);
  out->push_back('\n');
}

std::string clickhouse_funnel_sql(const std::string& table, const FunnelQuery& q, std::int64_t base_ms,
                                  const ClickHouseFunnelOptions& options) {
  std::string names;
  std::string conditions;
  for (const EventCondition& step : q.steps) {
    if (!names.empty()) names += ", ";
    names += clickhouse_quote(step.event);
    conditions += ", " + clickhouse_condition_sql(step);
  }
  std::string where = "event IN (" + names + ")";
  if (q.from_ms) where += " AND time_ms >= " + std::to_string(*q.from_ms);
  if (q.to_ms) where += " AND time_ms < " + std::to_string(*q.to_ms);
  std::string source = table;
  if (options.deterministic_ties) {
    source = "(SELECT user, time_ms, seq, event, properties FROM " + table + " WHERE " + where +
             " ORDER BY user, time_ms, seq)";
  }
  std::ostringstream sql;
  sql << "SELECT level, count() FROM (SELECT user, windowFunnel(" << q.window_ms << ")(toUInt32(time_ms - "
      << base_ms << ")" << conditions << ") AS level FROM " << source;
  if (!options.deterministic_ties) sql << " WHERE " << where;
  sql << " GROUP BY user) WHERE level > 0 GROUP BY level ORDER BY level";
  if (options.deterministic_ties) sql << " SETTINGS max_threads = 1";
  sql << " FORMAT TabSeparated";
  return sql.str();
}

std::optional<FunnelResult> clickhouse_funnel(ClickHouseClient& client, const std::string& table,
                                              const FunnelQuery& q, const ClickHouseFunnelOptions& options,
                                              std::string* error) {
  if (q.order != FunnelOrder::ordered) return *error = "/order: windowFunnel answers only \"ordered\"", std::nullopt;
  if (q.count != FunnelCount::unique_users) return *error = "/count: windowFunnel counts only unique users", std::nullopt;
  if (!q.exclusions.empty()) return *error = "/exclusions: not supported by windowFunnel", std::nullopt;
  if (q.breakdown) return *error = "/breakdown: not supported by the ClickHouse engine yet", std::nullopt;
  if (q.dropped_at_step) return *error = "/dropped: not supported by the ClickHouse engine yet", std::nullopt;

  std::string bounds;
  if (!client.query("SELECT min(time_ms), max(time_ms), count() FROM " + table + " FORMAT TabSeparated", &bounds,
                    error)) {
    return std::nullopt;
  }
  std::int64_t base = 0, last = 0, rows = 0;
  std::istringstream(bounds) >> base >> last >> rows;
  if (rows == 0) base = last = 0;
  if (last - base + q.window_ms >= (std::int64_t{1} << 31)) {
    *error = "the events table spans more than windowFunnel's 32-bit timestamp allows";
    return std::nullopt;
  }
  std::string body;
  if (!client.query(clickhouse_funnel_sql(table, q, base, options), &body, error)) return std::nullopt;

  const int n = static_cast<int>(q.steps.size());
  SeriesTally tally;
  tally.resize(n);
  std::istringstream lines(body);
  int level = 0;
  std::uint64_t users = 0;
  while (lines >> level >> users) {
    if (level < 1 || level > n) {
      *error = "clickhouse returned level " + std::to_string(level);
      return std::nullopt;
    }
    for (int k = 0; k < level; ++k) tally.entered[static_cast<std::size_t>(k)] += users;
  }
  FunnelResult result;
  result.steps = step_results(tally, n);
  return result;
}

}  // namespace cairn::analytics
