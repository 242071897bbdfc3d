// The four analytics queries answered from the ClickHouse store table
// (clickhouse_exporter.h: `database`.events with an `app` column), for
// `--store clickhouse://`. Semantics are docs/analytics.md's; how each is
// computed is in its "ClickHouse store" section. Every
// query reads one row per (app, messageId), with identities merged
// (clickhouse_store_rows.h), so several collectors may share the table:
//
//  - funnel: when the app's step events in the range are few enough to send
//    (kEngineFunnelMaxRows, and within the cap below), ClickHouse selects
//    them with the exclusion events and the identity links and the
//    collector runs the funnel engine on them, like guides and stuck below:
//    the in-memory answer, times to convert included. Above that,
//    windowFunnel (clickhouse_funnel.h) answers what 18.16 can: order
//    "ordered", unique users, no exclusions, breakdown or dropped-user list,
//    rows spanning under 2^31 ms (24.8 days) plus the window; step counts
//    and conversions, no times to convert. Any other funnel still runs the
//    engine on the selected rows.
//  - trends: one GROUP BY per series on the bucket of trend_buckets.h's runs
//    (count(), uniqExact(user), WITH TOTALS).
//  - guides, stuck: ClickHouse selects only the report's events (the guide
//    and frustration events, and the goal's event name) of the app; the
//    collector runs the same report code on those rows, so the numbers are
//    the in-memory engine's by construction.
//  - every report that loads rows into the collector (the funnel engine
//    path, guides, stuck) first counts them, in the query that counts the
//    app's rows, and above a cap (`max_loaded_rows`, --clickhouse-max-rows)
//    is refused with ClickHouseQueryError::too_many_rows, nothing loaded, so
//    one query cannot exhaust the collector's memory.
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
  // ClickHouse failed or answered something unreadable; or, with
  // too_many_rows, why the report was refused and what to ask instead.
  std::string message;
  // The report would load more rows than its cap: nothing was loaded.
  bool too_many_rows = false;
};

// The default cap on the rows one report loads into the collector (raw rows
// counted before deduplication: copies and identity links included). A
// loaded row peaks at ~460 bytes with ~100 bytes of properties (the JSON
// answer, then the index; bench/analytics/clickhouse_load_memory_bench.cpp),
// so 5,000,000 rows is ~2.3 GB per query thread: what a 2-core, 8 GB
// machine's collector can hold beside its own state. Config::clickhouse_max_rows.
inline constexpr std::uint64_t kClickHouseMaxLoadedRows = 5'000'000;

// Funnels whose step events in the range (copies included) number at most
// this run the funnel engine on those rows: the in-memory engine's exact
// answer, times to convert included, for a transfer of at most this many
// rows. Above it, windowFunnel answers the shapes it supports (counts, no
// times) without sending the rows; other shapes still need the engine.
inline constexpr std::uint64_t kEngineFunnelMaxRows = 2'000'000;

// REQUIRES for each: the query passed its validate_* function.
// `max_loaded_rows`: the cap above which a report that would load its rows
// into the collector is refused (error->too_many_rows) without loading them.
std::optional<FunnelResult> clickhouse_store_funnel(ClickHouseClient& client, const std::string& database,
                                                    const std::string& app_id, const FunnelQuery& query,
                                                    ClickHouseQueryError* error,
                                                    std::uint64_t engine_max_rows = kEngineFunnelMaxRows,
                                                    std::uint64_t max_loaded_rows = kClickHouseMaxLoadedRows);
std::optional<TrendReport> clickhouse_store_trends(ClickHouseClient& client, const std::string& database,
                                                   const std::string& app_id, const TrendQuery& query,
                                                   ClickHouseQueryError* error,
                                                   std::uint64_t max_loaded_rows = kClickHouseMaxLoadedRows);
std::optional<GuideReport> clickhouse_store_guides(ClickHouseClient& client, const std::string& database,
                                                   const std::string& app_id, const GuideQuery& query,
                                                   ClickHouseQueryError* error,
                                                   std::uint64_t max_loaded_rows = kClickHouseMaxLoadedRows);
std::optional<StuckReport> clickhouse_store_stuck(ClickHouseClient& client, const std::string& database,
                                                  const std::string& app_id, const StuckQuery& query,
                                                  ClickHouseQueryError* error,
                                                  std::uint64_t max_loaded_rows = kClickHouseMaxLoadedRows);

}  // namespace cairn::analytics
