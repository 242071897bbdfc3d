// The four analytics queries answered from the ClickHouse store table
// (clickhouse_exporter.h: `database`.events with an `app` column), for
// `--store clickhouse://`. Semantics are docs/analytics.md's; how each is
// computed is in its "ClickHouse store" section. Every
// query reads one row per (app, messageId), with identities merged
// (clickhouse_store_rows.h), so several collectors may share the table:
//
//  - funnel: windowFunnel (clickhouse_funnel.h) over the app's step events
//    in the range, ties read in arrival order, for what windowFunnel 18.16
//    answers: order "ordered", unique users, no exclusions, breakdown or
//    dropped-user list, rows spanning under 2^31 ms (24.8 days) plus the
//    window; step counts and conversions, no times to convert. Any other
//    funnel: ClickHouse selects the app's step and exclusion events in the
//    range (and the identity links) and the collector runs the funnel
//    engine on them, like guides and stuck below: the in-memory answer.
//  - trends: one GROUP BY per series (count(), uniqExact(user), WITH TOTALS).
//  - guides, stuck: ClickHouse selects only the report's events (the guide
//    and frustration events, and the goal's event name) of the app; the
//    collector runs the same report code on those rows, so the numbers are
//    the in-memory engine's by construction.
//
// data_version of every answer is the app's row count in ClickHouse (the
// in-memory engine's version once the export caught up).
//
// Threading: functions; the client is used by one thread.
#pragma once

#include "analytics/clickhouse_client.h"
#include "analytics/funnel_query.h"
#include "analytics/guide_report.h"
#include "analytics/stuck_report.h"
#include "analytics/trend_report.h"

#include <optional>
#include <string>

namespace cairn::analytics {

struct ClickHouseQueryError {
  std::string message;  // ClickHouse failed or answered something unreadable.
};

// REQUIRES for each: the query passed its validate_* function.
std::optional<FunnelResult> clickhouse_store_funnel(ClickHouseClient& client, const std::string& database,
                                                    const std::string& app_id, const FunnelQuery& query,
                                                    ClickHouseQueryError* error);
std::optional<TrendReport> clickhouse_store_trends(ClickHouseClient& client, const std::string& database,
                                                   const std::string& app_id, const TrendQuery& query,
                                                   ClickHouseQueryError* error);
std::optional<GuideReport> clickhouse_store_guides(ClickHouseClient& client, const std::string& database,
                                                   const std::string& app_id, const GuideQuery& query,
                                                   ClickHouseQueryError* error);
std::optional<StuckReport> clickhouse_store_stuck(ClickHouseClient& client, const std::string& database,
                                                  const std::string& app_id, const StuckQuery& query,
                                                  ClickHouseQueryError* error);

}  // namespace cairn::analytics
