// Erasing one person's rows from the ClickHouse store (`--store clickhouse://`)
// after the SQLite erasure (store/person_erasure.h) removed them from the
// acknowledgement log: one ALTER TABLE … DELETE mutation over the shared
// events table (every collector's rows of those user keys), then the keys'
// rows counted until none is left (ClickHouse applies a mutation in the
// background; the rows stay visible until it is done). The caller first waits
// for the exporter to pass the erasure, so no batch read before it lands after
// the mutation (AnalyticsService::forget_person).
//
// Threading: thread-safe; each call uses its own HTTP client.
#pragma once

#include "analytics/clickhouse_client.h"

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

namespace cairn::analytics_api {

// How long an erasure waits for ClickHouse to apply its mutation.
inline constexpr std::chrono::milliseconds kClickHouseErasureWait{30000};

// The ClickHouse rows an erasure covers (docs/operations.md, "Erasing a
// person"): those this collector exported up to the erasure's cut-off (seq <=
// cut_off_event_id, store::ErasureOutcome), and, for the erasure a collector
// took the request for (not a follower's replay), every other collector's
// rows there when the mutation runs. So a follower's replay, or its retry,
// never deletes events the primary or the follower stored after the erasure.
struct ClickHouseErasureScope {
  std::string collector_id;  // This collector's `collector` column value.
  std::int64_t cut_off_event_id = 0;
  bool other_collectors = true;
};

// The mutation deleting the rows of `user_keys` of `app_id` in `scope` from
// `database`.events. REQUIRES: user_keys is not empty.
std::string clickhouse_erasure_sql(const std::string& database, const std::string& app_id,
                                   const std::vector<std::string>& user_keys, const ClickHouseErasureScope& scope);

// Deletes the rows of person `user_key`: `user_keys` (what the SQLite erasure
// took) plus the ids ClickHouse's own identity links join to the person with
// the same rules (store::ids_of_person over every collector's identify rows),
// so a repeat after a failure, when SQLite no longer holds the links, and
// links ingested by other collectors are covered. Only rows in `scope`. Then
// waits (up to `wait`) until none of them is left. "" or why some may remain.
std::string erase_clickhouse_person(const analytics::ClickHouseEndpoint& endpoint, const std::string& app_id,
                                    const std::string& user_key, std::vector<std::string> user_keys,
                                    const ClickHouseErasureScope& scope,
                                    std::chrono::milliseconds wait = kClickHouseErasureWait);

}  // namespace cairn::analytics_api
