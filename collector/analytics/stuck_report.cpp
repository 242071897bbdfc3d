#include "analytics/stuck_report.h"

#include "analytics/guide_report.h"

#include <algorithm>
#include <map>
#include <set>

namespace cairn::analytics {

namespace {

struct HotspotAcc {
  std::uint64_t rage = 0, dead = 0;
  std::set<std::uint32_t> rage_users, dead_users;
};

std::vector<ClickHotspot> ranked(const std::map<std::string, HotspotAcc>& acc, std::size_t limit) {
  std::vector<ClickHotspot> rows;
  for (const auto& [key, a] : acc) {
    rows.push_back(ClickHotspot{key, a.rage, a.rage_users.size(), a.dead, a.dead_users.size()});
  }
  std::stable_sort(rows.begin(), rows.end(), [](const ClickHotspot& a, const ClickHotspot& b) {
    return a.rage_clicks + a.dead_clicks > b.rage_clicks + b.dead_clicks;
  });
  if (rows.size() > limit) rows.resize(limit);
  return rows;
}

}  // namespace

std::vector<std::string> stuck_report_property_keys() {
  std::vector<std::string> keys = guide_report_property_keys(GuideQuery{});
  keys.push_back("url");
  keys.push_back("selector");
  return keys;
}

std::optional<StuckReport> run_stuck_report(const EventIndex& index, const StuckQuery& q, std::string* error) {
  const std::optional<std::size_t> url = index.property_column("url");
  const std::optional<std::size_t> selector = index.property_column("selector");
  if (!url || !selector) {
    *error = std::string("the index has no column for property \"") + (url ? "selector" : "url") + "\"";
    return std::nullopt;
  }
  GuideQuery guide_query;
  guide_query.from_ms = q.from_ms;
  guide_query.to_ms = q.to_ms;
  std::optional<GuideReport> guides = run_guide_report(index, guide_query, error);
  if (!guides) return std::nullopt;

  const std::optional<std::uint32_t> rage = index.event_name_id("cairn_rage_click");
  const std::optional<std::uint32_t> dead = index.event_name_id("cairn_dead_click");
  auto text = [&](std::size_t column, std::uint32_t id) -> std::optional<std::string> {
    if (id == ValueDictionary::kAbsent) return std::nullopt;
    const std::string* s = std::get_if<std::string>(&index.values(column).value(id));
    if (!s) return std::nullopt;
    return *s;
  };
  std::map<std::string, HotspotAcc> pages, elements;
  for (std::uint32_t u = 0; u < index.user_count() && (rage || dead); ++u) {
    const UserTimeline& t = index.timeline(u);
    auto begin = q.from_ms ? std::lower_bound(t.time_ms.begin(), t.time_ms.end(), *q.from_ms) : t.time_ms.begin();
    auto end = q.to_ms ? std::lower_bound(begin, t.time_ms.end(), *q.to_ms) : t.time_ms.end();
    for (auto it = begin; it != end; ++it) {
      const auto i = static_cast<std::size_t>(it - t.time_ms.begin());
      const bool is_rage = rage && t.name[i] == *rage;
      const bool is_dead = dead && t.name[i] == *dead;
      if (!is_rage && !is_dead) continue;
      for (auto [column, acc] : {std::pair{*url, &pages}, std::pair{*selector, &elements}}) {
        std::optional<std::string> key = text(column, t.property[column][i]);
        if (!key) continue;
        HotspotAcc& a = (*acc)[*key];
        if (is_rage) {
          ++a.rage;
          a.rage_users.insert(u);
        } else {
          ++a.dead;
          a.dead_users.insert(u);
        }
      }
    }
  }
  StuckReport report;
  report.data_version = index.version();
  report.pages = ranked(pages, q.limit);
  report.elements = ranked(elements, q.limit);
  std::vector<StuckStep> steps;
  for (const GuideStats& g : guides->guides) {
    for (const StepStats& s : g.steps) {
      if (s.seen_users == 0) continue;
      StuckStep row;
      row.guide_id = g.guide_id;
      row.step_index = s.step_index;
      row.seen_users = s.seen_users;
      row.completed_users = std::min(s.completed_users, s.seen_users);
      row.drop_off_rate = 1.0 - static_cast<double>(row.completed_users) / static_cast<double>(s.seen_users);
      row.target_missing_users = s.target_missing_users;
      row.target_missing_rate = static_cast<double>(s.target_missing_users) / static_cast<double>(s.seen_users);
      row.median_ms_before_dismiss = s.median_ms_before_dismiss;
      steps.push_back(row);
    }
  }
  report.steps_by_drop_off = steps;
  std::stable_sort(report.steps_by_drop_off.begin(), report.steps_by_drop_off.end(),
                   [](const StuckStep& a, const StuckStep& b) { return a.drop_off_rate > b.drop_off_rate; });
  report.steps_by_target_missing = steps;
  std::stable_sort(report.steps_by_target_missing.begin(), report.steps_by_target_missing.end(),
                   [](const StuckStep& a, const StuckStep& b) { return a.target_missing_rate > b.target_missing_rate; });
  if (report.steps_by_drop_off.size() > q.limit) report.steps_by_drop_off.resize(q.limit);
  if (report.steps_by_target_missing.size() > q.limit) report.steps_by_target_missing.resize(q.limit);
  return report;
}

}  // namespace cairn::analytics
