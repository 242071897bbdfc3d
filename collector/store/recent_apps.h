// Which apps received events most recently, read from the newest rows of the
// events table: the start-up warm-up builds those apps' analytics first, so
// under a memory budget the indexes kept are the live apps', not the oldest.
//
// Reads only the last `recent_rows` events by id (a backward scan of the
// table's primary key, milliseconds for 100,000 rows), so the cost does not
// grow with the store. Apps with no event among them are not listed.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace cairn::store {

inline constexpr std::size_t kRecentRowsForActivity = 100000;

// App ids, the one with the newest event first, on a fresh read-only
// connection to `db_path`. Empty when the file or table is missing or
// unreadable (a fresh data dir): the caller keeps its own order then.
std::vector<std::string> apps_by_recent_activity(const std::string& db_path,
                                                 std::size_t recent_rows = kRecentRowsForActivity);

}  // namespace cairn::store
