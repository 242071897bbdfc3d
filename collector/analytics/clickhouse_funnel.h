// The ClickHouse funnel engine: the same FunnelQuery answered by ClickHouse
// SQL (windowFunnel) over an events table, for deployments that outgrow one
// machine and as the peer our benchmark and integration test compare with.
//
// Table layout (clickhouse_events_ddl): user, time_ms, seq (arrival order),
// event, properties (the indexed properties as a JSON object text), ordered by
// (user, time_ms, seq). Filters use visitParam* functions on `properties`.
//
// What windowFunnel (ClickHouse 18.16) can answer: order "ordered", count
// "unique_users", no exclusions, breakdown or dropped-user list; step counts
// only (it returns each user's level, not when steps happened, so the times to
// convert are absent). Other queries get an error naming the unsupported field.
// Its timestamp is a UInt32, so times are sent as ms since the table's first
// event; the table must span less than 2^31 ms (24.8 days) plus the window.
//
// Threading: functions; the client is used by one thread.
#pragma once

#include "analytics/clickhouse_client.h"
#include "analytics/event_row.h"
#include "analytics/funnel_query.h"

#include <cstdint>
#include <optional>
#include <string>

namespace cairn::analytics {

std::string clickhouse_events_ddl(const std::string& table);

// Appends `row` as one TabSeparated line of the events table.
void append_clickhouse_row(const EventRow& row, std::uint64_t seq, std::string* out);

// Appends `text` as one TabSeparated field (tab, newline, backslash escaped).
void append_clickhouse_tsv_field(std::string_view text, std::string* out);

// A ClickHouse boolean expression true for the rows (columns event,
// properties) that match `condition`, with the index's typing rules.
std::string clickhouse_condition_sql(const EventCondition& condition);

struct ClickHouseFunnelOptions {
  // ClickHouse breaks timestamp ties in the order rows reach the aggregate;
  // this reads rows sorted by (user, time_ms, seq) in one thread so ties are
  // broken by arrival like our engine. Unneeded when no user has two events
  // with the same timestamp.
  bool deterministic_ties = false;
};

// The SQL sent for `query` (for logs and the benchmark report).
std::string clickhouse_funnel_sql(const std::string& table, const FunnelQuery& query, std::int64_t base_ms,
                                  const ClickHouseFunnelOptions& options);

std::optional<FunnelResult> clickhouse_funnel(ClickHouseClient& client, const std::string& table,
                                              const FunnelQuery& query, const ClickHouseFunnelOptions& options,
                                              std::string* error);

}  // namespace cairn::analytics
