// The reference funnel: a brute-force, obviously-correct reading of
// docs/analytics.md, used only by tests to check FunnelEngine on thousands of
// small random cases. It works on rows (not the index), enumerates every path
// (ordered/strict) or every step assignment (any order), and is exponential:
// keep cases to a dozen events per user.
//
// Threading: a pure function.
#pragma once

#include "analytics/event_row.h"
#include "analytics/funnel_query.h"

#include <vector>

namespace cairn::analytics {

// REQUIRES: validate_funnel_query(query) is empty. `rows` in arrival order.
FunnelResult reference_funnel(const std::vector<EventRow>& rows, const FunnelQuery& query);

}  // namespace cairn::analytics
