// What the ClickHouse store tests share: generated rows as the events the
// ingest path stores, committing them through the real EventStore, waiting
// (bounded) for an exporter, and the query suite whose answers from
// ClickHouse must equal the in-memory engine's.
#pragma once

#include "analytics/analytics_engine.h"
#include "analytics/clickhouse_client.h"
#include "analytics/clickhouse_exporter.h"
#include "analytics/event_generator.h"
#include "store/event_store.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace cairn::analytics::store_test {

// `row` as the ingest path stores it, with messageId "m<n>". An identify
// row (anonymous_id set) is stored as type 3 with both ids.
store::StoredEvent stored(const EventRow& row, std::size_t n);

// Commits `events` for `app` and REQUIREs the acknowledgement.
void commit(store::EventStore& store, const std::string& app, std::vector<store::StoredEvent> events);

// Waits (up to 30 s) until `exporter` holds every id up to `id`.
bool exported(const ClickHouseExporter& exporter, std::int64_t id);

// `q`'s funnel from the ClickHouse store for `app` in `database` and from
// `engine`: the same JSON (data_version counts the `copies` too).
void check_same_funnel(AnalyticsEngine& engine, ClickHouseClient& client, const std::string& database,
                       const std::string& app, const FunnelQuery& q, std::uint64_t copies = 0);

// Funnels (ordered, three windows, a filter, a range; strict, any order,
// totals, an exclusion, a breakdown, a dropped-users page), trends (day, hour),
// guide and stuck reports: the ClickHouse store's answers for `app` in
// `database` must equal `engine`'s, which holds the events `generate` made
// (seed 3, guide and frustration events on) plus any identify rows.
// `copies`: rows ClickHouse holds twice (a retried message exported by two
// collectors), which its data_version counts.
void check_same_answers(AnalyticsEngine& engine, ClickHouseClient& client, const std::string& database,
                        const std::string& app, const GeneratorOptions& generate, std::uint64_t copies = 0);

}  // namespace cairn::analytics::store_test
