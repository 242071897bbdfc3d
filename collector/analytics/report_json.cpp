#include "analytics/report_json.h"

#include "analytics/event_condition_json.h"
#include "json/reader.h"

#include <boost/json/array.hpp>
#include <boost/json/parse.hpp>

#include <cmath>
#include <set>

namespace cairn::analytics {

namespace {

constexpr std::int64_t kMaxTime = 253402300799999;
const json::EnumName<TrendInterval> kIntervals[] = {{"hour", TrendInterval::hour}, {"day", TrendInterval::day}};

// An element of a list of instants: an integer (3.0 too, as ObjectReader
// reads one) between 0 and kMaxTime; nullopt otherwise.
std::optional<std::int64_t> time_at(const boost::json::value& v) {
  std::optional<std::int64_t> t;
  if (const std::int64_t* i = v.if_int64()) {
    t = *i;
  } else if (const std::uint64_t* u = v.if_uint64()) {
    if (*u <= static_cast<std::uint64_t>(kMaxTime)) t = static_cast<std::int64_t>(*u);
  } else if (const double* d = v.if_double()) {
    if (std::trunc(*d) == *d && *d >= 0 && *d <= static_cast<double>(kMaxTime)) t = static_cast<std::int64_t>(*d);
  }
  if (t && (*t < 0 || *t > kMaxTime)) t.reset();
  return t;
}

boost::json::value optional_ms(const std::optional<std::int64_t>& v) {
  return v ? boost::json::value(*v) : boost::json::value(nullptr);
}

void read_range(json::ObjectReader& r, std::optional<std::int64_t>* from, std::optional<std::int64_t>* to) {
  if (auto f = r.integer("from_ms", json::Need::optional, 0, kMaxTime)) *from = *f;
  if (auto t = r.integer("to_ms", json::Need::optional, 0, kMaxTime)) *to = *t;
  if (*from && *to && **from >= **to) r.error("to_ms", "must be after from_ms");
}

boost::json::object write_proportion(const Proportion& p) {
  return {{"users", p.users}, {"converted", p.converted}, {"rate", p.rate}, {"low", p.low}, {"high", p.high}};
}

boost::json::object write_stuck_step(const StuckStep& s) {
  return {{"guide_id", s.guide_id},
          {"step_index", s.step_index},
          {"seen_users", s.seen_users},
          {"completed_users", s.completed_users},
          {"gave_up_users", s.gave_up_users},
          {"drop_off_rate", s.drop_off_rate},
          {"drop_off_rate_low", s.drop_off_low},
          {"target_missing_users", s.target_missing_users},
          {"target_missing_rate", s.target_missing_rate},
          {"target_missing_rate_low", s.target_missing_low},
          {"median_ms_before_dismiss", optional_ms(s.median_ms_before_dismiss)}};
}

boost::json::object write_hotspot(const ClickHotspot& h, const char* key) {
  return {{key, h.key},
          {"rage_clicks", h.rage_clicks},
          {"rage_users", h.rage_users},
          {"dead_clicks", h.dead_clicks},
          {"dead_users", h.dead_users}};
}

// An element summary is an object's JSON text (element_summary.h): written
// as that object, null when there is none.
boost::json::value summary_object(const std::string& summary) {
  if (summary.empty()) return nullptr;
  boost::system::error_code ec;
  boost::json::value v = boost::json::parse(summary, ec);
  return !ec && v.is_object() ? v : boost::json::value(nullptr);
}

boost::json::array write_elements(const std::vector<ClickHotspot>& rows) {
  boost::json::array out;
  for (const ClickHotspot& h : rows) {
    boost::json::object o = write_hotspot(h, "selector");
    if (h.top_path) {
      o["top_path"] = {{"path", h.top_path->path},
                       {"url", h.top_path->url},
                       {"clicks", h.top_path->clicks},
                       {"share", h.top_path->share}};
    } else {
      o["top_path"] = nullptr;
    }
    o["element"] = summary_object(h.element);
    out.push_back(std::move(o));
  }
  return out;
}

}  // namespace

std::optional<GuideQuery> read_guide_query(const boost::json::value& value, json::Problems& problems) {
  const std::size_t before = problems.total();
  json::ObjectReader r(value, "", problems);
  if (!r.valid()) return std::nullopt;
  GuideQuery q;
  if (auto g = r.non_empty_string("guide_id", json::Need::optional, 200)) q.guide_id = *g;
  read_range(r, &q.from_ms, &q.to_ms);
  if (r.object("goal")) {
    json::ObjectReader goal(*r.field("goal"), "/goal", problems);
    if (auto c = read_event_condition(goal)) q.goal = *c;
    goal.reject_unknown_fields();
  }
  if (auto w = r.integer("goal_window_ms", json::Need::optional, 1, 366LL * 24 * 3600 * 1000)) q.goal_window_ms = *w;
  r.reject_unknown_fields();
  if (problems.total() != before) return std::nullopt;
  return q;
}

boost::json::object write_guide_report(const GuideReport& report) {
  boost::json::array guides;
  for (const GuideStats& g : report.guides) {
    boost::json::object o;
    o["guide_id"] = g.guide_id;
    o["seen_users"] = g.seen_users;
    o["seen_events"] = g.seen_events;
    o["holdout_users"] = g.holdout_users;
    o["completed_users"] = g.completed_users;
    boost::json::object reasons;
    for (const auto& [reason, users] : g.dismissed_users_by_reason) reasons[reason] = users;
    o["dismissed_users_by_reason"] = std::move(reasons);
    o["target_missing_events"] = g.target_missing_events;
    boost::json::array steps;
    for (const StepStats& s : g.steps) {
      steps.push_back(boost::json::object{{"step_index", s.step_index},
                                          {"step_id", s.step_id},
                                          {"seen_users", s.seen_users},
                                          {"completed_users", s.completed_users},
                                          {"dismissed_users", s.dismissed_users},
                                          {"gave_up_users", s.gave_up_users},
                                          {"target_missing_events", s.target_missing_events},
                                          {"target_missing_users", s.target_missing_users},
                                          {"median_ms_on_step", optional_ms(s.median_ms_on_step)},
                                          {"p90_ms_on_step", optional_ms(s.p90_ms_on_step)},
                                          {"median_ms_before_dismiss", optional_ms(s.median_ms_before_dismiss)}});
    }
    o["steps"] = std::move(steps);
    boost::json::array funnel;
    for (std::uint64_t n : g.completion_funnel) funnel.push_back(n);
    o["completion_funnel"] = std::move(funnel);
    if (g.impact) {
      o["impact"] = {{"exposed", write_proportion(g.impact->exposed)},
                     {"holdout", write_proportion(g.impact->holdout)},
                     {"comparable", g.impact->comparable},
                     {"difference", g.impact->difference},
                     {"low", g.impact->low},
                     {"high", g.impact->high},
                     {"interval", "newcomb-wilson-95"}};
    }
    guides.push_back(std::move(o));
  }
  return {{"guides", std::move(guides)}, {"data_version", report.data_version}};
}

std::optional<StuckQuery> read_stuck_query(const boost::json::value& value, json::Problems& problems) {
  const std::size_t before = problems.total();
  json::ObjectReader r(value, "", problems);
  if (!r.valid()) return std::nullopt;
  StuckQuery q;
  read_range(r, &q.from_ms, &q.to_ms);
  if (auto l = r.integer("limit", json::Need::optional, 1, kMaxStuckRows)) q.limit = static_cast<std::size_t>(*l);
  r.reject_unknown_fields();
  if (problems.total() != before) return std::nullopt;
  return q;
}

boost::json::object write_stuck_report(const StuckReport& report) {
  boost::json::array by_drop, by_missing;
  for (const StuckStep& s : report.steps_by_drop_off) by_drop.push_back(write_stuck_step(s));
  for (const StuckStep& s : report.steps_by_target_missing) by_missing.push_back(write_stuck_step(s));
  boost::json::array pages;
  for (const ClickHotspot& h : report.pages) pages.push_back(write_hotspot(h, "url"));
  return {{"pages", std::move(pages)},
          {"elements", write_elements(report.elements)},
          {"steps_by_drop_off", std::move(by_drop)},
          {"steps_by_target_missing", std::move(by_missing)},
          {"data_version", report.data_version}};
}

std::optional<TrendQuery> read_trend_query(const boost::json::value& value, json::Problems& problems) {
  const std::size_t before = problems.total();
  json::ObjectReader r(value, "", problems);
  if (!r.valid()) return std::nullopt;
  TrendQuery q;
  if (const boost::json::array* series = r.array("series", json::Need::required, kMaxTrendSeries)) {
    for (std::size_t i = 0; i < series->size(); ++i) {
      json::ObjectReader s((*series)[i], json::pointer_append("/series", i), problems);
      if (!s.valid()) continue;
      if (auto c = read_event_condition(s)) q.series.push_back(*c);
      s.reject_unknown_fields();
    }
  }
  if (auto i = r.enumeration("interval", json::Need::optional, kIntervals)) q.interval = *i;
  auto from = r.integer("from_ms", json::Need::required, 0, kMaxTime);
  auto to = r.integer("to_ms", json::Need::required, 0, kMaxTime);
  if (from) q.from_ms = *from;
  if (to) q.to_ms = *to;
  if (auto o = r.integer("utc_offset_minutes", json::Need::optional, -840, 840)) {
    q.utc_offset_minutes = static_cast<std::int32_t>(*o);
  }
  if (const boost::json::array* starts = r.array("day_starts_ms", json::Need::optional, kMaxTrendDays)) {
    if (starts->empty()) problems.add("/day_starts_ms", "must have at least one day start (or leave it out)");
    for (std::size_t i = 0; i < starts->size(); ++i) {
      if (auto t = time_at((*starts)[i])) {
        q.day_starts_ms.push_back(*t);
      } else {
        problems.add(json::pointer_append("/day_starts_ms", i),
                     "must be an integer between 0 and " + std::to_string(kMaxTime) + " (ms since 1970 UTC)");
      }
    }
  }
  if (const boost::json::array* changes = r.array("utc_offset_changes", json::Need::optional, kMaxTrendOffsetChanges)) {
    for (std::size_t i = 0; i < changes->size(); ++i) {
      json::ObjectReader c((*changes)[i], json::pointer_append("/utc_offset_changes", i), problems);
      if (!c.valid()) continue;
      auto at = c.integer("at_ms", json::Need::required, 0, kMaxTime);
      auto offset = c.integer("utc_offset_minutes", json::Need::required, -840, 840);
      c.reject_unknown_fields();
      if (at && offset) q.utc_offset_changes.push_back({*at, static_cast<std::int32_t>(*offset)});
    }
  }
  r.reject_unknown_fields();
  if (problems.total() != before) return std::nullopt;
  const json::Problems rules = validate_trend_query(q);
  for (const json::Problem& p : rules.stored()) problems.add(p.pointer, p.reason);
  if (!rules.empty()) return std::nullopt;
  return q;
}

boost::json::object write_trend_report(const TrendReport& report, const TrendQuery& query) {
  boost::json::array series;
  for (std::size_t s = 0; s < report.series.size(); ++s) {
    boost::json::array buckets;
    for (const TrendBucket& b : report.series[s].buckets) {
      buckets.push_back(boost::json::object{{"start_ms", b.start_ms}, {"events", b.events}, {"users", b.users}});
    }
    boost::json::object o;
    if (s < query.series.size()) write_event_condition(query.series[s], o);
    o["events"] = report.series[s].events;
    o["users"] = report.series[s].users;
    o["buckets"] = std::move(buckets);
    series.push_back(std::move(o));
  }
  return {{"series", std::move(series)},
          {"interval", json::enum_name(query.interval, kIntervals)},
          {"data_version", report.data_version}};
}

}  // namespace cairn::analytics
