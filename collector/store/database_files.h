// The size of the collector's SQLite database on disk, and the room left
// beside it, for /metrics (docs/operations.md#a-full-disk): an operator
// alerts on them before the disk fills, when every write would fail.
//
// Threading: a pure function of the file system; call from any thread.
#pragma once

#include <cstdint>
#include <string>

namespace cairn::store {

struct DatabaseFiles {
  std::int64_t database_bytes = 0;  // The database file (0 when missing).
  std::int64_t wal_bytes = 0;       // Its -wal file (0 when missing: after a clean stop).
  // Bytes an unprivileged writer may still use on the file system that holds
  // the database (statvfs f_bavail); -1 when it cannot be read.
  std::int64_t available_bytes = -1;
};

// Measures `path` (the database file) and `path`-wal with stat(), and the
// file system holding `path` with statvfs().
DatabaseFiles measure_database_files(const std::string& path);

}  // namespace cairn::store
