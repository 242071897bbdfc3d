// FunnelEngine: evaluates a FunnelQuery over an EventIndex.
//
// Each user's timeline is reduced to two bit masks per event (which steps and
// which exclusions it matches), then walked once by a dynamic program that
// keeps, per funnel level, the latest start of a valid path (the same idea as
// ClickHouse's windowFunnel, extended with exclusions and strict order); the
// path used for time-to-convert and the breakdown is then recovered. Users are
// evaluated in parallel (parallel_users.h); the per-thread tallies are merged
// at the end. Semantics: docs/analytics.md.
//
// Threading: run_funnel() is a pure function of its inputs; any number may run
// at once on the same index as long as nothing appends to it meanwhile.
#pragma once

#include "analytics/event_index.h"
#include "analytics/funnel_query.h"
#include "analytics/parallel_users.h"
#include "json/problems.h"

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace cairn::analytics {

// Problems of a query that no index can answer (wrong step count, exclusion
// step out of range, ...), each with the pointer of the JSON field
// ("/exclusions/0/after_step: must be between 1 and 3"). Empty when the query
// is valid. The JSON codec applies the same rules when reading.
json::Problems validate_funnel_query(const FunnelQuery& query);

// The property keys the query needs columns for (filters and breakdown).
std::vector<std::string> funnel_property_keys(const FunnelQuery& query);

// Evaluates `query` over `index` on options.threads threads (parallel_users.h).
// REQUIRES: validate_funnel_query(query) is empty.
// Returns nullopt and sets `*error` when the index lacks a column the query
// needs (the caller adds the columns of funnel_property_keys() first).
std::optional<FunnelResult> run_funnel(const EventIndex& index, const FunnelQuery& query,
                                       const ParallelOptions& options, std::string* error);

// Nearest-rank percentile (`percent` in (0, 100]) of `values`, which it
// reorders. REQUIRES: !values.empty().
std::int64_t nearest_rank_percentile(std::vector<std::int64_t>& values, int percent);

}  // namespace cairn::analytics
