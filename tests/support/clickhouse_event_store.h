// The events table in ClickHouse tests: made as the collector makes it on a
// started server, and the message ids of the rows left read back (after an
// erasure, a retention pass), sorted.
#pragma once

#include "analytics/clickhouse_client.h"
#include "analytics/clickhouse_exporter.h"
#include "analytics/clickhouse_server.h"

#include <catch2/catch.hpp>

#include <sstream>
#include <string>
#include <vector>

namespace cairn::testing {

// The database `cairn` and its events table on `server` (started); the
// endpoint that reaches them.
inline analytics::ClickHouseEndpoint create_event_store(const analytics::ClickHouseServer& server) {
  const analytics::ClickHouseEndpoint endpoint{"127.0.0.1", server.http_port(), "cairn", 30000};
  analytics::ClickHouseClient bootstrap({"127.0.0.1", server.http_port(), "default", 30000});
  analytics::ClickHouseClient client(endpoint);
  std::string error;
  const bool created = bootstrap.query(analytics::clickhouse_store_database_ddl("cairn"), nullptr, &error) &&
                       client.query(analytics::clickhouse_store_table_ddl("cairn"), nullptr, &error);
  INFO(error);
  REQUIRE(created);
  return endpoint;
}

inline std::vector<std::string> event_message_ids_left(analytics::ClickHouseClient& client) {
  std::string out, error;
  REQUIRE(client.query("SELECT message_id FROM cairn.events ORDER BY message_id FORMAT TabSeparated", &out, &error));
  std::vector<std::string> ids;
  std::istringstream lines(out);
  for (std::string line; std::getline(lines, line);) {
    if (!line.empty()) ids.push_back(line);
  }
  return ids;
}

}  // namespace cairn::testing
