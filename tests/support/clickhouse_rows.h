// What a ClickHouse test reads back from the events table: the message ids of
// the rows left (after an erasure, a retention pass), sorted.
#pragma once

#include "analytics/clickhouse_client.h"

#include <catch2/catch.hpp>

#include <sstream>
#include <string>
#include <vector>

namespace cairn::testing {

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
