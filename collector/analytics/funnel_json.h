// The JSON codec of FunnelQuery and FunnelResult, the body and answer of
// POST /api/analytics/funnel (docs/analytics.md has the full reference):
//
//   {"steps": [{"event": "signup_started"},
//              {"event": "project_created", "filters": [...]}],
//    "window_ms": 86400000, "order": "ordered", "count": "unique_users",
//    "exclusions": [{"event": "logout", "after_step": 1}],
//    "from_ms": 1767225600000, "to_ms": 1769904000000,
//    "breakdown": {"property": "plan", "limit": 10},
//    "dropped": {"step": 1, "offset": 0, "limit": 100}}
//
// Every problem is reported with its pointer ("/steps/3/event: required");
// unknown fields are problems too. write_funnel_query() is canonical (fixed
// key order, defaults written out), so its text keys the result cache.
//
// Threading: pure functions.
#pragma once

#include "analytics/funnel_query.h"
#include "json/problems.h"

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <optional>
#include <string_view>

namespace cairn::analytics {

std::optional<FunnelQuery> read_funnel_query(const boost::json::value& value, json::Problems& problems);
std::optional<FunnelQuery> parse_funnel_query(std::string_view text, json::Problems& problems);
boost::json::object write_funnel_query(const FunnelQuery& query);

// `query` gives the step names and whether the dropped-user page was asked.
boost::json::object write_funnel_result(const FunnelResult& result, const FunnelQuery& query);

}  // namespace cairn::analytics
