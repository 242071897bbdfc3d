#include "analytics/funnel_series.h"

#include "analytics/funnel_engine.h"

#include <algorithm>

namespace cairn::analytics {

void SeriesTally::merge(SeriesTally&& other, int steps) {
  resize(steps);
  if (other.entered.empty()) return;
  for (std::size_t k = 0; k < entered.size(); ++k) {
    entered[k] += other.entered[k];
    if (times[k].empty()) {
      times[k] = std::move(other.times[k]);
    } else {
      times[k].insert(times[k].end(), other.times[k].begin(), other.times[k].end());
    }
  }
}

std::vector<FunnelStepResult> step_results(SeriesTally& tally, int steps) {
  tally.resize(steps);
  std::vector<FunnelStepResult> rows(static_cast<std::size_t>(steps));
  const std::uint64_t first = tally.entered[0];
  for (std::size_t k = 0; k < rows.size(); ++k) {
    FunnelStepResult& r = rows[k];
    r.entered = tally.entered[k];
    r.converted = k + 1 < rows.size() ? tally.entered[k + 1] : r.entered;
    r.dropped = r.entered - r.converted;
    const std::uint64_t previous = k == 0 ? first : tally.entered[k - 1];
    r.conversion_from_previous = previous ? static_cast<double>(r.entered) / static_cast<double>(previous) : 0.0;
    r.conversion_from_first = first ? static_cast<double>(r.entered) / static_cast<double>(first) : 0.0;
    if (k > 0 && !tally.times[k].empty()) {
      r.median_ms_to_convert = nearest_rank_percentile(tally.times[k], 50);
      r.p90_ms_to_convert = nearest_rank_percentile(tally.times[k], 90);
    }
  }
  return rows;
}

bool breakdown_value_less(const std::optional<PropertyValue>& a, const std::optional<PropertyValue>& b) {
  if (!a || !b) return !a && b;
  if (a->index() != b->index()) return a->index() > b->index();  // number (1) before string (0).
  if (const std::string* text = std::get_if<std::string>(&*a)) return *text < std::get<std::string>(*b);
  return std::get<PropertyNumber>(*a) < std::get<PropertyNumber>(*b);
}

void assemble_series(std::vector<BreakdownGroup> groups, int steps, std::size_t limit,
                     const ValueDictionary* dictionary, FunnelResult* result) {
  auto value_of = [&](std::uint32_t id) -> std::optional<PropertyValue> {
    if (id == ValueDictionary::kAbsent || !dictionary) return std::nullopt;
    return dictionary->value(id);
  };
  for (BreakdownGroup& g : groups) g.tally.resize(steps);
  std::sort(groups.begin(), groups.end(), [&](const BreakdownGroup& a, const BreakdownGroup& b) {
    if (a.tally.entered[0] != b.tally.entered[0]) return a.tally.entered[0] > b.tally.entered[0];
    return breakdown_value_less(value_of(a.value), value_of(b.value));
  });
  SeriesTally all;
  all.resize(steps);
  SeriesTally other;
  bool has_other = false;
  for (std::size_t i = 0; i < groups.size(); ++i) {
    SeriesTally copy = groups[i].tally;
    all.merge(std::move(copy), steps);
    if (limit == 0) continue;
    if (i < limit) {
      FunnelSeries series;
      series.breakdown_value = value_of(groups[i].value);
      series.steps = step_results(groups[i].tally, steps);
      result->breakdown.push_back(std::move(series));
    } else {
      other.merge(std::move(groups[i].tally), steps);
      has_other = true;
    }
  }
  if (has_other) {
    FunnelSeries series;
    series.is_other = true;
    series.steps = step_results(other, steps);
    result->breakdown.push_back(std::move(series));
  }
  result->steps = step_results(all, steps);
}

}  // namespace cairn::analytics
