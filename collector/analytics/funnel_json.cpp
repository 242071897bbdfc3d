#include "analytics/funnel_json.h"

#include "analytics/event_condition_json.h"
#include "analytics/funnel_engine.h"
#include "json/reader.h"

#include <boost/json/array.hpp>

#include <set>

namespace cairn::analytics {

namespace {

const json::EnumName<FunnelOrder> kOrders[] = {
    {"ordered", FunnelOrder::ordered}, {"strict", FunnelOrder::strict}, {"any", FunnelOrder::any}};
const json::EnumName<FunnelCount> kCounts[] = {{"unique_users", FunnelCount::unique_users},
                                               {"totals", FunnelCount::totals}};

constexpr std::int64_t kMaxTime = 253402300799999;  // 9999-12-31T23:59:59.999Z

boost::json::object write_step_result(const FunnelStepResult& r) {
  boost::json::object o;
  o["entered"] = r.entered;
  o["converted"] = r.converted;
  o["dropped"] = r.dropped;
  o["conversion_from_previous"] = r.conversion_from_previous;
  o["conversion_from_first"] = r.conversion_from_first;
  o["median_ms_to_convert"] = r.median_ms_to_convert ? boost::json::value(*r.median_ms_to_convert) : nullptr;
  o["p90_ms_to_convert"] = r.p90_ms_to_convert ? boost::json::value(*r.p90_ms_to_convert) : nullptr;
  return o;
}

boost::json::array write_steps(const std::vector<FunnelStepResult>& steps, const FunnelQuery& query) {
  boost::json::array out;
  for (std::size_t k = 0; k < steps.size(); ++k) {
    boost::json::object o = write_step_result(steps[k]);
    if (k < query.steps.size()) o["event"] = query.steps[k].event;
    out.push_back(std::move(o));
  }
  return out;
}

}  // namespace

std::optional<FunnelQuery> read_funnel_query(const boost::json::value& value, json::Problems& problems) {
  const std::size_t before = problems.total();
  json::ObjectReader r(value, "", problems);
  if (!r.valid()) return std::nullopt;
  FunnelQuery q;
  if (const boost::json::array* steps = r.array("steps", json::Need::required, kMaxFunnelSteps)) {
    for (std::size_t k = 0; k < steps->size(); ++k) {
      json::ObjectReader s((*steps)[k], json::pointer_append("/steps", k), problems);
      if (!s.valid()) continue;
      if (std::optional<EventCondition> c = read_event_condition(s)) q.steps.push_back(std::move(*c));
      else q.steps.push_back(EventCondition{"?", {}});  // Keeps indexes aligned for later checks.
      s.reject_unknown_fields();
    }
  }
  if (auto w = r.integer("window_ms", json::Need::optional, 1, kMaxFunnelWindowMs)) q.window_ms = *w;
  if (auto o = r.enumeration("order", json::Need::optional, kOrders)) q.order = *o;
  if (auto c = r.enumeration("count", json::Need::optional, kCounts)) q.count = *c;
  if (const boost::json::array* xs = r.array("exclusions", json::Need::optional, kMaxFunnelExclusions)) {
    for (std::size_t j = 0; j < xs->size(); ++j) {
      json::ObjectReader x((*xs)[j], json::pointer_append("/exclusions", j), problems);
      if (!x.valid()) continue;
      FunnelExclusion exclusion;
      if (std::optional<EventCondition> c = read_event_condition(x)) exclusion.condition = std::move(*c);
      else exclusion.condition.event = "?";
      if (auto a = x.integer("after_step", json::Need::required, 1, kMaxFunnelSteps - 1)) {
        exclusion.after_step = static_cast<std::size_t>(*a);
      }
      x.reject_unknown_fields();
      q.exclusions.push_back(std::move(exclusion));
    }
  }
  if (auto f = r.integer("from_ms", json::Need::optional, 0, kMaxTime)) q.from_ms = *f;
  if (auto t = r.integer("to_ms", json::Need::optional, 0, kMaxTime)) q.to_ms = *t;
  if (r.object("breakdown")) {
    json::ObjectReader b(*r.field("breakdown"), "/breakdown", problems);
    FunnelBreakdown breakdown;
    if (auto p = b.non_empty_string("property", json::Need::required, kMaxPropertyKeyBytes)) breakdown.property = *p;
    if (auto l = b.integer("limit", json::Need::optional, 1, kMaxBreakdownValues)) {
      breakdown.limit = static_cast<std::size_t>(*l);
    }
    b.reject_unknown_fields();
    q.breakdown = breakdown;
  }
  if (r.object("dropped")) {
    json::ObjectReader d(*r.field("dropped"), "/dropped", problems);
    if (auto s = d.integer("step", json::Need::required, 1, kMaxFunnelSteps - 1)) {
      q.dropped_at_step = static_cast<std::size_t>(*s);
    }
    if (auto o = d.integer("offset", json::Need::optional, 0, INT32_MAX)) q.dropped_offset = static_cast<std::size_t>(*o);
    if (auto l = d.integer("limit", json::Need::optional, 1, kMaxDroppedUsersPage)) {
      q.dropped_limit = static_cast<std::size_t>(*l);
    }
    d.reject_unknown_fields();
    if (!q.dropped_at_step) q.dropped_at_step = 0;  // Reported above; keeps validation quiet below.
  }
  r.reject_unknown_fields();

  // Rules across fields; a field that already has a problem is not reported twice.
  std::set<std::string> reported;
  for (const json::Problem& p : problems.stored()) reported.insert(p.pointer);
  FunnelQuery checked = q;
  if (checked.dropped_at_step == std::size_t{0}) checked.dropped_at_step.reset();
  const json::Problems rules = validate_funnel_query(checked);
  for (const json::Problem& p : rules.stored()) {
    bool covered = false;
    for (const std::string& seen : reported) covered = covered || p.pointer.rfind(seen, 0) == 0;
    if (!covered) problems.add(p.pointer, p.reason);
  }
  if (problems.total() != before) return std::nullopt;
  return q;
}

std::optional<FunnelQuery> parse_funnel_query(std::string_view text, json::Problems& problems) {
  std::optional<boost::json::value> value = json::parse_document(text, problems);
  if (!value) return std::nullopt;
  return read_funnel_query(*value, problems);
}

boost::json::object write_funnel_query(const FunnelQuery& q) {
  boost::json::object o;
  boost::json::array steps;
  for (const EventCondition& c : q.steps) {
    boost::json::object s;
    write_event_condition(c, s);
    steps.push_back(std::move(s));
  }
  o["steps"] = std::move(steps);
  o["window_ms"] = q.window_ms;
  o["order"] = json::enum_name(q.order, kOrders);
  o["count"] = json::enum_name(q.count, kCounts);
  if (!q.exclusions.empty()) {
    boost::json::array xs;
    for (const FunnelExclusion& x : q.exclusions) {
      boost::json::object e;
      write_event_condition(x.condition, e);
      e["after_step"] = x.after_step;
      xs.push_back(std::move(e));
    }
    o["exclusions"] = std::move(xs);
  }
  if (q.from_ms) o["from_ms"] = *q.from_ms;
  if (q.to_ms) o["to_ms"] = *q.to_ms;
  if (q.breakdown) o["breakdown"] = {{"property", q.breakdown->property}, {"limit", q.breakdown->limit}};
  if (q.dropped_at_step) {
    o["dropped"] = {{"step", *q.dropped_at_step}, {"offset", q.dropped_offset}, {"limit", q.dropped_limit}};
  }
  return o;
}

boost::json::object write_funnel_result(const FunnelResult& result, const FunnelQuery& query) {
  boost::json::object o;
  o["steps"] = write_steps(result.steps, query);
  if (query.breakdown) {
    boost::json::array series;
    for (const FunnelSeries& s : result.breakdown) {
      boost::json::object b;
      b["value"] = s.breakdown_value ? write_property_value(*s.breakdown_value) : nullptr;
      b["other"] = s.is_other;
      b["steps"] = write_steps(s.steps, query);
      series.push_back(std::move(b));
    }
    o["breakdown"] = std::move(series);
  }
  if (query.dropped_at_step) {
    boost::json::array users;
    for (const std::string& u : result.dropped_users) users.push_back(boost::json::value(u));
    o["dropped"] = {{"step", *query.dropped_at_step},
                    {"total", result.dropped_users_total},
                    {"offset", query.dropped_offset},
                    {"users", std::move(users)}};
  }
  o["data_version"] = result.data_version;
  return o;
}

}  // namespace cairn::analytics
