#include "analytics/stuck_report.h"

#include "analytics/element_summary.h"
#include "analytics/guide_report.h"
#include "analytics/parallel_users.h"

#include <algorithm>
#include <map>

namespace cairn::analytics {

namespace {

// One worker's partial result (parallel_users.h) for one page or element.
struct HotspotAcc {
  std::uint64_t rage = 0, dead = 0;
  DistinctUsers rage_users, dead_users;
  // Elements only: clicks per `url` and per `target` value id.
  std::map<std::uint32_t, std::uint64_t> urls, targets;

  void merge(const HotspotAcc& o) {
    rage += o.rage;
    dead += o.dead;
    rage_users.merge(o.rage_users);
    dead_users.merge(o.dead_users);
    for (const auto& [id, clicks] : o.urls) urls[id] += clicks;
    for (const auto& [id, clicks] : o.targets) targets[id] += clicks;
  }
};

struct Hotspots {
  std::map<std::string, HotspotAcc> pages, elements;
};

// The entry with the most clicks; ties go to the smaller key.
template <typename Key>
const std::pair<const Key, std::uint64_t>* most_clicked(const std::map<Key, std::uint64_t>& counts) {
  const std::pair<const Key, std::uint64_t>* best = nullptr;
  for (const auto& entry : counts) {
    if (!best || entry.second > best->second) best = &entry;
  }
  return best;
}

// Where an element's clicks were, from its clicks per url value.
std::optional<TopPath> top_path_of(const std::map<std::string, std::uint64_t>& by_url) {
  std::map<std::string, std::uint64_t> by_path;
  std::uint64_t total = 0;
  for (const auto& [url, clicks] : by_url) {
    by_path[url_path(url)] += clicks;
    total += clicks;
  }
  const auto* path = most_clicked(by_path);
  if (!path) return std::nullopt;
  TopPath top{path->first, "", path->second, static_cast<double>(path->second) / static_cast<double>(total)};
  std::uint64_t most = 0;
  for (const auto& [url, clicks] : by_url) {  // Ascending: ties keep the smaller url.
    if (clicks > most && url_path(url) == top.path) {
      top.url = url;
      most = clicks;
    }
  }
  return top;
}

std::vector<ClickHotspot> ranked(const std::map<std::string, HotspotAcc>& acc, std::size_t limit) {
  std::vector<ClickHotspot> rows;
  for (const auto& [key, a] : acc) {
    ClickHotspot row;
    row.key = key;
    row.rage_clicks = a.rage;
    row.rage_users = a.rage_users.count();
    row.dead_clicks = a.dead;
    row.dead_users = a.dead_users.count();
    rows.push_back(std::move(row));
  }
  std::stable_sort(rows.begin(), rows.end(), [](const ClickHotspot& a, const ClickHotspot& b) {
    return a.rage_clicks + a.dead_clicks > b.rage_clicks + b.dead_clicks;
  });
  if (rows.size() > limit) rows.resize(limit);
  return rows;
}

// The 95% Wilson lower bound of x in n (n > 0): the rate the data can vouch
// for. Ranking by it rather than by the rate keeps a step one person saw and
// left (1/1: 0.21) below one 972 saw and a third left (324/972: 0.30), while
// between steps with many users it orders almost as the rate does.
double rate_lower_bound(std::uint64_t x, std::uint64_t n) {
  double low = 0, high = 0;
  wilson_interval(x, n, &low, &high);
  return low;
}

// Ranks by `low` (the ranking key), then by the rate, then by more users.
void rank_steps(std::vector<StuckStep>& steps, double StuckStep::*low, double StuckStep::*rate) {
  std::stable_sort(steps.begin(), steps.end(), [low, rate](const StuckStep& a, const StuckStep& b) {
    if (a.*low != b.*low) return a.*low > b.*low;
    if (a.*rate != b.*rate) return a.*rate > b.*rate;
    return a.seen_users > b.seen_users;
  });
}

}  // namespace

std::vector<std::string> stuck_report_property_keys() {
  std::vector<std::string> keys = guide_report_property_keys(GuideQuery{});
  keys.push_back("url");
  keys.push_back("selector");
  keys.push_back(kClickTargetProperty);
  return keys;
}

std::string url_path(std::string_view url) {
  if (const std::size_t scheme = url.find("://"); scheme != std::string_view::npos) {
    const std::size_t path = url.find_first_of("/?#", scheme + 3);
    url = path == std::string_view::npos ? std::string_view() : url.substr(path);
  }
  url = url.substr(0, url.find_first_of("?#"));
  return url.empty() ? std::string("/") : std::string(url);
}

std::optional<StuckReport> run_stuck_report(const EventIndex& index, const StuckQuery& q, std::string* error,
                                            const ParallelOptions& options) {
  const std::optional<std::size_t> url = index.property_column("url");
  const std::optional<std::size_t> selector = index.property_column("selector");
  const std::optional<std::size_t> target = index.property_column(kClickTargetProperty);
  if (!url || !selector || !target) {
    *error = std::string("the index has no column for property \"") +
             (!url ? "url" : !selector ? "selector" : kClickTargetProperty) + "\"";
    return std::nullopt;
  }
  GuideQuery guide_query;
  guide_query.from_ms = q.from_ms;
  guide_query.to_ms = q.to_ms;
  std::optional<GuideReport> guides = run_guide_report(index, guide_query, error, options);
  if (!guides) return std::nullopt;

  const std::optional<std::uint32_t> rage = index.event_name_id("cairn_rage_click");
  const std::optional<std::uint32_t> dead = index.event_name_id("cairn_dead_click");
  auto text = [&](std::size_t column, std::uint32_t id) -> std::optional<std::string> {
    if (id == ValueDictionary::kAbsent) return std::nullopt;
    const std::string* s = std::get_if<std::string>(&index.values(column).value(id));
    if (!s) return std::nullopt;
    return *s;
  };
  // The target summaries of elements inside Cairn's own UI, by value id: those
  // clicks are not the host app's (older SDKs recorded them), so they rank
  // neither their page nor their element.
  const ValueDictionary& targets = index.values(*target);
  std::vector<bool> cairn_ui(targets.size(), false);
  for (std::uint32_t id = 1; id < targets.size(); ++id) {
    const std::string* s = std::get_if<std::string>(&targets.value(id));
    cairn_ui[id] = s && is_cairn_ui_summary(*s);
  }
  // Folds user u's clicks into one worker's partial.
  auto visit_user = [&](Hotspots& acc, std::uint32_t u) {
    const UserTimeline& t = index.timeline(u);
    auto begin = q.from_ms ? std::lower_bound(t.time_ms.begin(), t.time_ms.end(), *q.from_ms) : t.time_ms.begin();
    auto end = q.to_ms ? std::lower_bound(begin, t.time_ms.end(), *q.to_ms) : t.time_ms.end();
    for (auto it = begin; it != end; ++it) {
      const auto i = static_cast<std::size_t>(it - t.time_ms.begin());
      const bool is_rage = rage && t.name[i] == *rage;
      const bool is_dead = dead && t.name[i] == *dead;
      if (!is_rage && !is_dead) continue;
      if (const std::uint32_t id = t.property[*target][i]; id < cairn_ui.size() && cairn_ui[id]) continue;
      for (auto [column, by_key] : {std::pair{*url, &acc.pages}, std::pair{*selector, &acc.elements}}) {
        std::optional<std::string> key = text(column, t.property[column][i]);
        if (!key) continue;
        HotspotAcc& a = (*by_key)[*key];
        if (is_rage) {
          ++a.rage;
          a.rage_users.add(u);
        } else {
          ++a.dead;
          a.dead_users.add(u);
        }
        if (by_key == &acc.elements) {
          if (const std::uint32_t id = t.property[*url][i]; id != ValueDictionary::kAbsent) ++a.urls[id];
          if (const std::uint32_t id = t.property[*target][i]; id != ValueDictionary::kAbsent) ++a.targets[id];
        }
      }
    }
  };
  const std::size_t users = rage || dead ? index.user_count() : 0;
  std::vector<Hotspots> partials = evaluate_users<Hotspots>(users, options, [&](Hotspots& acc) {
    return [&visit_user, &acc](std::uint32_t u) { visit_user(acc, u); };
  });
  std::map<std::string, HotspotAcc>& pages = partials[0].pages;
  std::map<std::string, HotspotAcc>& elements = partials[0].elements;
  for (std::size_t w = 1; w < partials.size(); ++w) {
    for (const auto& [key, a] : partials[w].pages) pages[key].merge(a);
    for (const auto& [key, a] : partials[w].elements) elements[key].merge(a);
  }
  StuckReport report;
  report.data_version = index.version();
  report.pages = ranked(pages, q.limit);
  report.elements = ranked(elements, q.limit);
  for (ClickHotspot& row : report.elements) {
    const HotspotAcc& a = elements.at(row.key);
    // By text, not by value id: ids depend on arrival order, answers must not.
    std::map<std::string, std::uint64_t> by_url, by_target;
    for (const auto& [id, clicks] : a.urls) {
      if (std::optional<std::string> u = text(*url, id)) by_url[*u] += clicks;
    }
    for (const auto& [id, clicks] : a.targets) {
      if (std::optional<std::string> summary = text(*target, id)) by_target[*summary] += clicks;
    }
    row.top_path = top_path_of(by_url);
    if (const auto* summary = most_clicked(by_target)) row.element = summary->first;
  }
  std::vector<StuckStep> steps;
  for (const GuideStats& g : guides->guides) {
    for (const StepStats& s : g.steps) {
      if (s.seen_users == 0) continue;
      StuckStep row;
      row.guide_id = g.guide_id;
      row.step_index = s.step_index;
      row.seen_users = s.seen_users;
      row.completed_users = std::min(s.completed_users, s.seen_users);
      // Not 1 - completed/seen: a step left unfinished (a checklist with
      // items left, a hint never opened, a launcher) is not given up.
      row.gave_up_users = std::min(s.gave_up_users, s.seen_users);
      row.drop_off_rate = static_cast<double>(row.gave_up_users) / static_cast<double>(s.seen_users);
      row.drop_off_low = rate_lower_bound(row.gave_up_users, s.seen_users);
      row.target_missing_users = s.target_missing_users;
      row.target_missing_rate = static_cast<double>(s.target_missing_users) / static_cast<double>(s.seen_users);
      // A target can go missing before its step was seen: the bound needs x <= n.
      row.target_missing_low = rate_lower_bound(std::min(s.target_missing_users, s.seen_users), s.seen_users);
      row.median_ms_before_dismiss = s.median_ms_before_dismiss;
      steps.push_back(row);
    }
  }
  report.steps_by_drop_off = steps;
  rank_steps(report.steps_by_drop_off, &StuckStep::drop_off_low, &StuckStep::drop_off_rate);
  report.steps_by_target_missing = steps;
  rank_steps(report.steps_by_target_missing, &StuckStep::target_missing_low, &StuckStep::target_missing_rate);
  if (report.steps_by_drop_off.size() > q.limit) report.steps_by_drop_off.resize(q.limit);
  if (report.steps_by_target_missing.size() > q.limit) report.steps_by_target_missing.resize(q.limit);
  return report;
}

}  // namespace cairn::analytics
