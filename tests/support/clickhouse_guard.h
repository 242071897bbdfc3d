// The one guard every ClickHouse test starts with. ClickHouse comes from
// scripts/setup, and the test command exports CAIRN_REQUIRE_CLICKHOUSE=1, so
// there a missing server fails the test instead of passing with nothing
// compared; run by hand on a machine without it, the test is skipped with a
// warning that says so.
#pragma once

#include "analytics/clickhouse_server.h"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <string_view>

namespace cairn::testing {

inline bool clickhouse_required() {
  const char* flag = std::getenv("CAIRN_REQUIRE_CLICKHOUSE");
  return flag != nullptr && std::string_view(flag) == "1";
}

}  // namespace cairn::testing

#define CAIRN_CLICKHOUSE_OR_SKIP()                                                                 \
  if (!cairn::analytics::ClickHouseServer::available()) {                                          \
    INFO(cairn::analytics::ClickHouseServer::kDefaultBinary                                        \
         << " is missing and CAIRN_REQUIRE_CLICKHOUSE=1 (run scripts/setup)");                    \
    REQUIRE_FALSE(cairn::testing::clickhouse_required());                                          \
    WARN("SKIPPED: " << cairn::analytics::ClickHouseServer::kDefaultBinary                         \
                     << " is not installed (apt-get install clickhouse-server); nothing compared"); \
    return;                                                                                        \
  }
