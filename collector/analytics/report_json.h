// JSON codecs of the guide, stuck-point and trend queries and reports, the
// bodies and answers of POST /api/analytics/guides, /stuck and /trends
// (docs/analytics.md). One reader and one writer per type; every problem is
// reported with its pointer, unknown fields included.
//
//   guides: {"guide_id": "g1", "from_ms": ..., "to_ms": ...,
//            "goal": {"event": "checkout_completed", "filters": [...]},
//            "goal_window_ms": 604800000}
//   stuck:  {"from_ms": ..., "to_ms": ..., "limit": 20}
//   trends: {"series": [{"event": "$page", "filters": [...]}], "interval": "day",
//            "from_ms": ..., "to_ms": ..., "utc_offset_minutes": 60}
//           or, days of a time zone, "day_starts_ms": [...] instead of the offset
//
// Threading: pure functions.
#pragma once

#include "analytics/guide_report.h"
#include "analytics/stuck_report.h"
#include "analytics/trend_report.h"
#include "json/problems.h"

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <optional>

namespace cairn::analytics {

std::optional<GuideQuery> read_guide_query(const boost::json::value& value, json::Problems& problems);
boost::json::object write_guide_report(const GuideReport& report);

std::optional<StuckQuery> read_stuck_query(const boost::json::value& value, json::Problems& problems);
boost::json::object write_stuck_report(const StuckReport& report);

std::optional<TrendQuery> read_trend_query(const boost::json::value& value, json::Problems& problems);
boost::json::object write_trend_report(const TrendReport& report, const TrendQuery& query);

}  // namespace cairn::analytics
