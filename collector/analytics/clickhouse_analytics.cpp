#include "analytics/clickhouse_analytics.h"

#include "analytics/clickhouse_funnel.h"
#include "analytics/clickhouse_store_rows.h"
#include "analytics/event_index.h"
#include "analytics/funnel_engine.h"
#include "analytics/trend_buckets.h"

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

#include <charconv>
#include <sstream>

namespace cairn::analytics {

namespace {

// The guide and frustration events the guide and stuck reports read
// (sdk/event/guide_events.h, sdk/recorder).
const char* const kReportEvents[] = {"cairn_guide_seen",      "cairn_step_seen",      "cairn_step_completed",
                                     "cairn_guide_dismissed", "cairn_target_missing", "cairn_guide_completed",
                                     "cairn_rage_click",      "cairn_dead_click"};

std::string app_filter(const std::string& app_id) { return "app = " + clickhouse_quote(app_id); }

// SQL true for times in [from_ms, to_ms) ("1" for no bound).
std::string range_filter(std::optional<std::int64_t> from_ms, std::optional<std::int64_t> to_ms) {
  std::string sql = "1";
  if (from_ms) sql += " AND time_ms >= " + std::to_string(*from_ms);
  if (to_ms) sql += " AND time_ms < " + std::to_string(*to_ms);
  return sql;
}

bool fail(ClickHouseQueryError* error, std::string message) {
  error->message = std::move(message);
  return false;
}

// The app's row count (every answer's data_version) and, in the same scan,
// how many of its rows pass each of `wheres` (copies of a message included).
struct AppRows {
  std::uint64_t all = 0;
  std::vector<std::uint64_t> matching;  // One per `where`, in order.
};
std::optional<AppRows> app_rows(ClickHouseClient& client, const std::string& database, const std::string& app_id,
                                ClickHouseQueryError* error, const std::vector<std::string>& wheres = {}) {
  std::string counts = "count()";
  for (const std::string& where : wheres) counts += ", countIf(" + where + ")";
  std::string body;
  if (!client.query("SELECT " + counts + " FROM " + database + ".events WHERE " + app_filter(app_id) +
                        " FORMAT TabSeparated",
                    &body, &error->message)) {
    return std::nullopt;
  }
  AppRows rows;
  std::istringstream fields(body);
  fields >> rows.all;
  for (std::size_t i = 0; i < wheres.size(); ++i) {
    std::uint64_t n = 0;
    fields >> n;
    rows.matching.push_back(n);
  }
  if (!fields) return fail(error, "clickhouse: unreadable counts: " + body.substr(0, 200)), std::nullopt;
  return rows;
}

// SQL true for rows whose event is one of `events` (names).
std::string event_in(const std::vector<std::string>& events) {
  std::string names;
  for (const std::string& e : events) names += (names.empty() ? "" : ", ") + clickhouse_quote(e);
  return "event IN (" + names + ")";
}

// SQL true for the rows load_index reads: the `events` (names) passing
// `where`, and every identity link (identify rows, whatever the range).
std::string loaded_rows_filter(const std::vector<std::string>& events, const std::string& where) {
  return "(" + event_in(events) + " AND " + where + ") OR anonymous_id != ''";
}

// Refuses (too_many_rows) a report that would load `rows` rows into the
// collector when that is more than `cap`: `what_to_do` says which question
// ClickHouse can answer instead.
bool within_cap(std::uint64_t rows, std::uint64_t cap, const std::string& report, const std::string& what_to_do,
                ClickHouseQueryError* error) {
  if (rows <= cap) return true;
  error->too_many_rows = true;
  return fail(error, report + " would load " + std::to_string(rows) +
                         " rows from ClickHouse into the collector, more than its limit of " + std::to_string(cap) +
                         " (--clickhouse-max-rows): " + what_to_do +
                         " (or raise --clickhouse-max-rows if the collector has the memory)");
}

std::int64_t json_int(const boost::json::value* v) {
  if (!v) return 0;
  if (const boost::json::string* s = v->if_string()) {
    std::int64_t n = 0;  // JSONEachRow quotes 64-bit integers.
    std::from_chars(s->data(), s->data() + s->size(), n);
    return n;
  }
  return v->is_int64() ? v->get_int64() : v->is_uint64() ? static_cast<std::int64_t>(v->get_uint64()) : 0;
}

// Loads the app's rows of `events` (names) passing `where`, plus every
// identity link, into an index with `keys` columns, in arrival order (seq,
// collector), one row per message, as the in-memory engine would hold them.
bool load_index(ClickHouseClient& client, const std::string& database, const std::string& app_id,
                const std::vector<std::string>& events, const std::string& where, EventIndex* index,
                ClickHouseQueryError* error) {
  std::string body;
  if (!client.query("SELECT user, time_ms, event, properties, anonymous_id FROM " +
                        clickhouse_unique_rows_sql(database, app_id, loaded_rows_filter(events, where)) +
                        " ORDER BY seq, collector FORMAT JSONEachRow",
                    &body, &error->message)) {
    return false;
  }
  std::istringstream lines(body);
  std::string line;
  EventRow row;
  while (std::getline(lines, line)) {
    if (line.empty()) continue;
    boost::system::error_code ec;
    boost::json::value value = boost::json::parse(line, ec);
    const boost::json::object* o = ec ? nullptr : value.if_object();
    if (!o) return fail(error, "clickhouse: unreadable row: " + line.substr(0, 200));
    const boost::json::string* user = o->contains("user") ? o->at("user").if_string() : nullptr;
    const boost::json::string* event = o->contains("event") ? o->at("event").if_string() : nullptr;
    const boost::json::string* properties = o->contains("properties") ? o->at("properties").if_string() : nullptr;
    if (!user || !event || !properties) return fail(error, "clickhouse: row without user/event/properties");
    row.user.assign(user->data(), user->size());
    row.event.assign(event->data(), event->size());
    row.time_ms = json_int(o->if_contains("time_ms"));
    // Collectors' seqs repeat: the index's sequence is the arrival rank.
    ++row.sequence;
    const boost::json::value* anonymous_id = o->if_contains("anonymous_id");
    row.anonymous_id = anonymous_id && anonymous_id->is_string() ? std::string(anonymous_id->get_string()) : "";
    decode_event_properties(std::string_view(properties->data(), properties->size()), index->property_keys(), &row);
    index->append(row);
  }
  return true;
}

// Whether windowFunnel 18.16 has the query's shape (the range is checked
// against the rows when it runs).
bool window_funnel_shape(const FunnelQuery& q) {
  return q.order == FunnelOrder::ordered && q.count == FunnelCount::unique_users && q.exclusions.empty() &&
         !q.breakdown && !q.dropped_at_step;
}

// The events the funnel engine reads: steps and exclusions.
std::vector<std::string> funnel_events(const FunnelQuery& q) {
  std::vector<std::string> events;
  for (const EventCondition& step : q.steps) events.push_back(step.event);
  for (const FunnelExclusion& exclusion : q.exclusions) events.push_back(exclusion.condition.event);
  return events;
}

// The funnel engine over the app's step and exclusion events in the range
// (the engine uses no event outside [from_ms, to_ms), whatever the window)
// plus the identity links: the in-memory engine's answer by construction.
// Refused when those are more than `max_loaded_rows` (`loaded_rows`).
std::optional<FunnelResult> engine_funnel(ClickHouseClient& client, const std::string& database,
                                          const std::string& app_id, const FunnelQuery& q, std::uint64_t rows,
                                          std::uint64_t loaded_rows, std::uint64_t max_loaded_rows,
                                          ClickHouseQueryError* error) {
  // An ordered shape got here because its rows span 2^31 ms: a shorter
  // range lets windowFunnel answer it.
  const char* what_to_do =
      window_funnel_shape(q) ? "choose a date range under 24 days, which ClickHouse's windowFunnel answers "
                               "without loading rows"
                             : "choose a shorter date range, or an ordered funnel counting unique users without "
                               "exclusions, breakdown or dropped users over a range under 24 days, which "
                               "ClickHouse's windowFunnel answers without loading rows";
  if (!within_cap(loaded_rows, max_loaded_rows, "this funnel", what_to_do, error)) return std::nullopt;
  const std::vector<std::string> events = funnel_events(q);
  client.set_external_table(std::nullopt);  // Left by a windowFunnel attempt; these rows need no links table.
  EventIndex index(funnel_property_keys(q));
  if (!load_index(client, database, app_id, events, range_filter(q.from_ms, q.to_ms), &index, error)) {
    return std::nullopt;
  }
  std::optional<FunnelResult> result = run_funnel(index, q, ParallelOptions{}, &error->message);
  if (result) result->data_version = rows;
  return result;
}

}  // namespace

std::optional<FunnelResult> clickhouse_store_funnel(ClickHouseClient& client, const std::string& database,
                                                    const std::string& app_id, const FunnelQuery& q,
                                                    ClickHouseQueryError* error, std::uint64_t engine_max_rows,
                                                    std::uint64_t max_loaded_rows) {
  std::vector<std::string> steps;
  for (const EventCondition& step : q.steps) steps.push_back(step.event);
  const std::string step_rows_filter = range_filter(q.from_ms, q.to_ms) + " AND " + event_in(steps);
  // One scan counts the app's rows, the step rows and the rows the engine would load.
  const std::optional<AppRows> counted =
      app_rows(client, database, app_id, error,
               {step_rows_filter, loaded_rows_filter(funnel_events(q), range_filter(q.from_ms, q.to_ms))});
  if (!counted) return std::nullopt;
  const std::uint64_t rows = counted->all;
  const std::uint64_t step_rows = counted->matching[0];
  const std::uint64_t loaded_rows = counted->matching[1];
  // Few enough step rows to send (or a shape windowFunnel lacks): the
  // engine's exact answer, times to convert included. An ordered funnel
  // over more rows than the cap goes to windowFunnel rather than refused.
  if (!window_funnel_shape(q) || (step_rows <= engine_max_rows && loaded_rows <= max_loaded_rows)) {
    return engine_funnel(client, database, app_id, q, rows, loaded_rows, max_loaded_rows, error);
  }
  std::string message;
  const std::optional<bool> linked =
      attach_identity_links(client, database, app_id, max_loaded_rows, &message, &error->too_many_rows);
  if (!linked) return fail(error, message), std::nullopt;
  // The app's step events in range, one per message, persons merged, as the
  // funnel's table: the 32-bit time base and span are the range's, and
  // deduplication sorts only those rows (bench/analytics/clickhouse_dedup_bench.cpp).
  const std::string table = clickhouse_person_rows_sql(database, app_id, step_rows_filter, *linked);
  std::optional<FunnelResult> result = clickhouse_funnel(client, table, q, {.deterministic_ties = true}, &message);
  if (!result) {
    // Rows spanning 2^31 ms or more (e.g. the dashboard's 28 days): the engine.
    if (message.find("spans more than") != std::string::npos) {
      return engine_funnel(client, database, app_id, q, rows, loaded_rows, max_loaded_rows, error);
    }
    fail(error, message);
    return std::nullopt;
  }
  result->data_version = rows;
  return result;
}

namespace {

// The bucket of a row's time_ms as TrendBuckets::bucket_of() finds it: the
// run it falls in (multiIf over the runs' starts; one run for a fixed
// offset, about three a year for a zone's days), then whole steps from the
// run's start, capped at the run's last bucket (a 25-hour day).
std::string trend_bucket_sql(const TrendBuckets& layout) {
  const std::string step = std::to_string(layout.step_ms());
  auto in_run = [&](const TrendRun& run) {
    return std::to_string(run.first_bucket) + " + least(intDiv(time_ms - " + std::to_string(run.start_ms) + ", " + step +
           "), " + std::to_string(run.buckets - 1) + ")";
  };
  const std::vector<TrendRun>& runs = layout.runs();
  if (runs.size() == 1) return in_run(runs[0]);
  std::string sql = "multiIf(";
  for (std::size_t i = 0; i + 1 < runs.size(); ++i) {
    sql += "time_ms < " + std::to_string(runs[i + 1].start_ms) + ", " + in_run(runs[i]) + ", ";
  }
  return sql + in_run(runs.back()) + ")";
}

}  // namespace

std::optional<TrendReport> clickhouse_store_trends(ClickHouseClient& client, const std::string& database,
                                                   const std::string& app_id, const TrendQuery& q,
                                                   ClickHouseQueryError* error, std::uint64_t max_loaded_rows) {
  const std::optional<AppRows> counted = app_rows(client, database, app_id, error);
  if (!counted) return std::nullopt;
  const std::uint64_t rows = counted->all;
  // The empty report has every bucket (zeros): the in-memory engine's.
  EventIndex empty(trend_property_keys(q));
  std::optional<TrendReport> report = run_trend_report(empty, q, &error->message);
  if (!report) return std::nullopt;
  report->data_version = rows;
  const std::string bucket_sql = trend_bucket_sql(TrendBuckets(q));
  const std::optional<bool> linked = attach_identity_links(client, database, app_id, max_loaded_rows,
                                                          &error->message, &error->too_many_rows);
  if (!linked) return std::nullopt;
  for (std::size_t s = 0; s < q.series.size(); ++s) {
    std::string body;
    if (!client.query("SELECT " + bucket_sql + " AS bucket, count(), uniqExact(user) FROM " +
                          clickhouse_person_rows_sql(database, app_id,
                                                     range_filter(q.from_ms, q.to_ms) + " AND " +
                                                         clickhouse_condition_sql(q.series[s]),
                                                     *linked) +
                          " GROUP BY bucket WITH TOTALS ORDER BY bucket FORMAT TabSeparated",
                      &body, &error->message)) {
      return std::nullopt;
    }
    TrendSeries& series = report->series[s];
    std::istringstream lines(body);
    std::string line;
    bool totals = false;
    while (std::getline(lines, line)) {
      if (line.empty()) {
        totals = true;  // WITH TOTALS: a blank line, then the totals row.
        continue;
      }
      std::int64_t bucket = 0;
      std::uint64_t events = 0, users = 0;
      std::istringstream(line) >> bucket >> events >> users;
      if (totals) {
        series.events = events;
        series.users = users;
      } else if (bucket >= 0 && static_cast<std::size_t>(bucket) < series.buckets.size()) {
        series.buckets[static_cast<std::size_t>(bucket)].events = events;
        series.buckets[static_cast<std::size_t>(bucket)].users = users;
      } else {
        fail(error, "clickhouse: bucket " + std::to_string(bucket) + " out of range");
        return std::nullopt;
      }
    }
  }
  return report;
}

std::optional<GuideReport> clickhouse_store_guides(ClickHouseClient& client, const std::string& database,
                                                   const std::string& app_id, const GuideQuery& q,
                                                   ClickHouseQueryError* error, std::uint64_t max_loaded_rows) {
  std::vector<std::string> events(std::begin(kReportEvents), std::end(kReportEvents));
  // The goal is searched after each exposure regardless of the range, so
  // the range only narrows the rows when there is no goal.
  if (q.goal) events.push_back(q.goal->event);
  const std::string where = q.goal ? "1" : range_filter(q.from_ms, q.to_ms);
  const std::optional<AppRows> counted = app_rows(client, database, app_id, error, {loaded_rows_filter(events, where)});
  if (!counted) return std::nullopt;
  const std::uint64_t rows = counted->all;
  if (!within_cap(counted->matching[0], max_loaded_rows, "this guide report",
                  q.goal ? "a report with a goal reads the guide events of all time; ask without the goal and "
                           "with a shorter date range (from_ms, to_ms)"
                         : "choose a shorter date range (from_ms, to_ms)",
                  error)) {
    return std::nullopt;
  }
  EventIndex index(guide_report_property_keys(q));
  if (!load_index(client, database, app_id, events, where, &index, error)) return std::nullopt;
  std::optional<GuideReport> report = run_guide_report(index, q, &error->message);
  if (report) report->data_version = rows;
  return report;
}

std::optional<StuckReport> clickhouse_store_stuck(ClickHouseClient& client, const std::string& database,
                                                  const std::string& app_id, const StuckQuery& q,
                                                  ClickHouseQueryError* error, std::uint64_t max_loaded_rows) {
  const std::vector<std::string> events(std::begin(kReportEvents), std::end(kReportEvents));
  const std::string where = range_filter(q.from_ms, q.to_ms);
  const std::optional<AppRows> counted = app_rows(client, database, app_id, error, {loaded_rows_filter(events, where)});
  if (!counted) return std::nullopt;
  const std::uint64_t rows = counted->all;
  if (!within_cap(counted->matching[0], max_loaded_rows, "this stuck report",
                  "choose a shorter date range (from_ms, to_ms)", error)) {
    return std::nullopt;
  }
  EventIndex index(stuck_report_property_keys());
  if (!load_index(client, database, app_id, events, where, &index, error)) return std::nullopt;
  std::optional<StuckReport> report = run_stuck_report(index, q, &error->message);
  if (report) report->data_version = rows;
  return report;
}

}  // namespace cairn::analytics
