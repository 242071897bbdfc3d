// Deleting rows from the ClickHouse store's events table and waiting until
// they are gone: ClickHouse (18.16) deletes with an ALTER TABLE … DELETE
// mutation, applied in the background, and the rows stay visible until it is
// done. Shared by a person's erasure (clickhouse_person_erasure.h) and a
// deleted app's purge (clickhouse_app_purge.h).
//
// Threading: a call uses only the client it is given.
#pragma once

#include "analytics/clickhouse_client.h"

#include <chrono>
#include <cstdint>
#include <string>

namespace cairn::analytics_api {

// Runs `sql`, a query answering one unsigned number (`SELECT count() …`):
// true and `*n`, or false and `*error` (unreachable, or not one number).
bool read_clickhouse_count(analytics::ClickHouseClient& client, const std::string& sql, std::uint64_t* n,
                           std::string* error);

// Counts the rows of `database`.events matching `condition` (SQL over its
// columns); when there are some, runs the mutation deleting them and counts
// again until none is left or `wait` passed. "" when none is left, or why
// some may remain (ClickHouse unreachable, the mutation refused, not applied
// in time; a later call repeats the mutation).
std::string delete_clickhouse_rows(analytics::ClickHouseClient& client, const std::string& database,
                                   const std::string& condition, std::chrono::milliseconds wait);

}  // namespace cairn::analytics_api
