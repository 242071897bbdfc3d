// The JSON codec of saved funnels (docs/api.md, "Saved funnels"):
//
//   request:  {"name": "Onboarding",
//              "query": {"steps": [...], "window_ms": 86400000, ...},
//              "compare": {"days": 30} | {"from_ms": ..., "to_ms": ...} | null}
//   answer:   {"id": "sf_...", "app_id": "...", "name": "...", "query": {...},
//              "compare": {...} | null, "created_by": "acc_...",
//              "created_by_email": "...", "created_at_ms": ..., "updated_at_ms": ...}
//
// read_saved_funnel_input() reports every problem with its JSON pointer; the
// query's own problems come from analytics::read_funnel_query() under
// "/query". Unknown fields are problems.
//
// Threading: pure functions.
#pragma once

#include "json/problems.h"
#include "saved_funnels/saved_funnel.h"

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <optional>
#include <string_view>

namespace cairn::saved_funnels {

std::optional<SavedFunnelInput> read_saved_funnel_input(const boost::json::value& body,
                                                        json::Problems& problems);

boost::json::object write_saved_funnel(const SavedFunnel& funnel);

// Storage form of a comparison range (the same JSON as in the API).
std::string write_compare_range(const CompareRange& range);
// nullopt for text that is not a range write_compare_range() wrote.
std::optional<CompareRange> parse_compare_range(std::string_view text);

}  // namespace cairn::saved_funnels
