// The app's rows of the ClickHouse store table as the in-memory engine sees
// them, as SQL subqueries the store's queries read from (clickhouse_analytics.h):
//
//  - one row per message: a retried event that reached two collectors was
//    exported by both (same app and messageId, two rows); the copy kept is
//    the earliest by (user, time_ms, seq, collector), via ORDER BY … LIMIT 1
//    BY message_id (measured against argMin and no deduplication in
//    bench/analytics, docs/analytics.md);
//  - identity merge: identify rows (anonymous_id non-empty) link an
//    anonymousId to a userId with EventIndex's rules (first link in arrival
//    order wins, links chain, a link back to one's own person is ignored).
//    The links are read and resolved here, then sent with the query as an
//    external table `identity_links (user String, person String)` that the
//    person rows join, so `user` is the person.
//
// Arrival order across collectors is (seq, collector): each collector's own
// order, interleaved by id. At equal times a person's own events come before
// the events merged from a linked anonymousId (the order EventIndex gives
// events that arrived before the link).
//
// Threading: functions; the client is used by one thread.
#pragma once

#include "analytics/clickhouse_client.h"

#include <cstdint>
#include <optional>
#include <string>

namespace cairn::analytics {

// Subquery with columns user (as sent), time_ms, seq, collector, event,
// properties, anonymous_id: the app's rows passing `where` (SQL on those
// columns, "" for all), one per message_id.
std::string clickhouse_unique_rows_sql(const std::string& database, const std::string& app_id,
                                       const std::string& where);

// Reads the app's identity links, resolves each linked anonymousId to its
// person and sets them on `client` as the external table the person rows
// join (none when there is no link). Returns whether there is a link;
// nullopt with `*error` when ClickHouse fails, or when the app has more than
// `max_links` identify rows (the links are held in the collector's memory and
// sent with the query): then `*too_many` is set and nothing is attached.
std::optional<bool> attach_identity_links(ClickHouseClient& client, const std::string& database,
                                          const std::string& app_id, std::uint64_t max_links,
                                          std::string* error, bool* too_many);

// Subquery with columns user (the person), time_ms, seq (arrival order, own
// events first at equal times), event, properties: the app's unique rows
// passing `where` (SQL on time_ms, event, properties; "" for all).
// REQUIRES: `linked` is what attach_identity_links returned for the client
// that runs it.
std::string clickhouse_person_rows_sql(const std::string& database, const std::string& app_id,
                                       const std::string& where, bool linked);

}  // namespace cairn::analytics
