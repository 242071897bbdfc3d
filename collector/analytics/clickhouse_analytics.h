// The four analytics queries answered from the ClickHouse store table
// (clickhouse_exporter.h: `database`.events with an `app` column), for
// `--store clickhouse://`. Semantics are docs/analytics.md's; how each is
// computed is in its "ClickHouse store" section. Every
// query reads one row per (app, messageId), with identities merged
// (clickhouse_store_rows.h), so several collectors may share the table:
//
//  - funnel: when the app's step events in the range are few enough to send
//    (kEngineFunnelMaxRows), ClickHouse selects them with the exclusion
//    events and the identity links and the collector runs the funnel engine
//    on them, like guides and stuck below: the in-memory answer, times to
//    convert included. Above that, windowFunnel (clickhouse_funnel.h)
//    answers what 18.16 can: order "ordered", unique users, no exclusions,
//    breakdown or dropped-user list, rows spanning under 2^31 ms (24.8 days)
//    plus the window; step counts and conversions, no times to convert. Any
//    other funnel still runs the engine on the selected rows.
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

// Funnels whose step events in the range (copies included) number at most
// this run the funnel engine on those rows: the in-memory engine's exact
// answer, times to convert included, for a transfer of at most this many
// rows. Above it, windowFunnel answers the shapes it supports (counts, no
// times) without sending the rows; other shapes still need the engine.
inline constexpr std::uint64_t kEngineFunnelMaxRows = 2'000'000;

// REQUIRES for each: the query passed its validate_* function.
std::optional<FunnelResult> clickhouse_store_funnel(ClickHouseClient& client, const std::string& database,
                                                    const std::string& app_id, const FunnelQuery& query,
                                                    ClickHouseQueryError* error,
                                                    std::uint64_t engine_max_rows = kEngineFunnelMaxRows);
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
