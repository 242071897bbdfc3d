// Which ClickHouse rows a person's erasure deletes (ClickHouseErasureScope,
// collector/analytics_api/clickhouse_person_erasure.h): this collector's rows
// up to the erasure's cut-off, and other collectors' rows only on the
// collector that took the DELETE. So a follower's replay, and its retry after
// a failure, keep the events stored after the erasure: its own and the
// primary's.
#include "analytics/clickhouse_client.h"
#include "analytics/clickhouse_exporter.h"
#include "analytics/clickhouse_server.h"
#include "analytics_api/clickhouse_person_erasure.h"

#include "support/clickhouse_guard.h"
#include "support/clickhouse_event_store.h"

#include <catch2/catch.hpp>

#include <cstdint>
#include <string>
#include <vector>

using namespace cairn;

namespace {

// One row of the shared events table.
struct Row {
  std::string user;
  std::uint64_t seq;
  std::string collector;
  std::string message_id;
  std::string anonymous_id;  // Non-empty: an identify linking it to `user`.
};

void insert(analytics::ClickHouseClient& client, const std::vector<Row>& rows) {
  std::string sql =
      "INSERT INTO cairn.events (app, user, time_ms, seq, event, properties, collector, message_id, anonymous_id) "
      "VALUES ";
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const Row& r = rows[i];
    if (i > 0) sql += ", ";
    sql += "('app_a', '" + r.user + "', " + std::to_string(1000 * r.seq) + ", " + std::to_string(r.seq) +
           ", 'Clicked', '{}', '" + r.collector + "', '" + r.message_id + "', '" + r.anonymous_id + "')";
  }
  std::string error;
  const bool inserted = client.query(sql, nullptr, &error);
  INFO(error);
  REQUIRE(inserted);
}

std::vector<std::string> left(analytics::ClickHouseClient& client) { return testing::event_message_ids_left(client); }

}  // namespace

TEST_CASE("a ClickHouse erasure deletes what its scope covers and keeps what was stored after it") {
  CAIRN_CLICKHOUSE_OR_SKIP();
  analytics::ClickHouseServer server;
  std::string error;
  REQUIRE(server.start(&error));
  const analytics::ClickHouseEndpoint endpoint = testing::create_event_store(server);
  analytics::ClickHouseClient client(endpoint);
  // The primary "P" erased jane at its seq 3 (cut-off): p4 came after. The
  // follower "F" repeated it at its seq 2: f3 came after.
  insert(client, {{"jane", 1, "P", "p1", ""},
                  {"jane", 2, "P", "p2", "anon_p"},
                  {"bob", 3, "P", "p3", ""},
                  {"jane", 4, "P", "p4", ""},
                  {"jane", 1, "F", "f1", ""},
                  {"anon_p", 2, "F", "f2", ""},
                  {"jane", 5, "F", "f3", ""}});

  SECTION("a follower's replay, and its retry, delete its own rows up to its cut-off") {
    const analytics_api::ClickHouseErasureScope replay{"F", 2, false};
    CHECK(analytics_api::clickhouse_erasure_sql("cairn", "app_a", {"jane"}, replay) ==
          "ALTER TABLE cairn.events DELETE WHERE app = 'app_a' AND user IN ('jane') AND "
          "(collector = 'F' AND seq <= 2)");
    for (int attempt = 0; attempt < 2; ++attempt) {
      INFO("attempt " << attempt);
      CHECK(analytics_api::erase_clickhouse_person(endpoint, "app_a", "jane", {"jane"}, replay).empty());
      // anon_p is jane's through the primary's identify row p2.
      CHECK(left(client) == std::vector<std::string>{"f3", "p1", "p2", "p3", "p4"});
    }
  }

  SECTION("the collector that took the DELETE deletes its rows up to its cut-off and the others' rows") {
    const analytics_api::ClickHouseErasureScope request{"P", 3, true};
    CHECK(analytics_api::erase_clickhouse_person(endpoint, "app_a", "jane", {"jane"}, request).empty());
    CHECK(left(client) == std::vector<std::string>{"p3", "p4"});
  }
}
