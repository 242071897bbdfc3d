// From per-step tallies to FunnelStepResult rows: the arithmetic every funnel
// evaluator (in-memory, ClickHouse) shares: conversion ratios, drop-off,
// nearest-rank percentiles, top-N breakdown with an "other" series.
//
// Threading: values and pure functions.
#pragma once

#include "analytics/event_index.h"
#include "analytics/funnel_query.h"

#include <cstdint>
#include <vector>

namespace cairn::analytics {

// Counts for one series: how many reached each step, and the time each took
// from the previous step.
struct SeriesTally {
  std::vector<std::uint64_t> entered;
  std::vector<std::vector<std::int64_t>> times;  // [step] ms from the previous step.

  void resize(int steps) {
    if (entered.empty()) {
      entered.assign(static_cast<std::size_t>(steps), 0);
      times.resize(static_cast<std::size_t>(steps));
    }
  }
  void merge(SeriesTally&& other, int steps);
};

// Step rows from a tally (times are consumed).
std::vector<FunnelStepResult> step_results(SeriesTally& tally, int steps);

struct BreakdownGroup {
  std::uint32_t value = 0;  // Value id in the breakdown dictionary; 0 = absent.
  SeriesTally tally;
};

// Fills result->steps (all groups together) and, when `limit` > 0,
// result->breakdown: the `limit` groups with most step-1 entries (ties: absent
// first, then numbers ascending, then strings bytewise), then "other".
void assemble_series(std::vector<BreakdownGroup> groups, int steps, std::size_t limit,
                     const ValueDictionary* dictionary, FunnelResult* result);

// Total order on breakdown values used for ties (absent < numbers < strings).
bool breakdown_value_less(const std::optional<PropertyValue>& a, const std::optional<PropertyValue>& b);

}  // namespace cairn::analytics
