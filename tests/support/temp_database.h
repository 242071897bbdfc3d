// Test support: a fresh SQLite database path in a directory of its own under
// the temp dir (removed at the end with the file's -wal and -shm), and
// one-statement reads and writes on a connection of their own, as another
// process would make them while the code under test holds its own.
#pragma once

#include <catch2/catch.hpp>
#include <sqlite3.h>
#include <stdlib.h>

#include <cstdint>
#include <filesystem>
#include <string>
#include <system_error>

namespace cairn::testing {

// One statement on a connection of its own to the database at `path` (which
// waits for the writer's lock rather than failing at once with SQLITE_BUSY):
// the first column of the first row of `sql` as an integer, -1 without a row.
inline std::int64_t sqlite_count(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  sqlite3_open(path.c_str(), &db);
  sqlite3_busy_timeout(db, 5000);
  sqlite3_stmt* stmt = nullptr;
  std::int64_t out = -1;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr) == SQLITE_OK && sqlite3_step(stmt) == SQLITE_ROW) {
    out = sqlite3_column_int64(stmt, 0);
  }
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  return out;
}

// Runs `sql` on a connection of its own to the database at `path`; fails the
// test with SQLite's message.
inline void sqlite_exec(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  sqlite3_open(path.c_str(), &db);
  sqlite3_busy_timeout(db, 5000);
  char* error = nullptr;
  const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error);
  INFO((error ? error : ""));
  sqlite3_free(error);
  sqlite3_close(db);
  REQUIRE(rc == SQLITE_OK);
}

class TempDatabase {
 public:
  explicit TempDatabase(const std::string& prefix = "cairn-store") {
    std::string pattern = (std::filesystem::temp_directory_path() / (prefix + "-XXXXXX")).string();
    REQUIRE(mkdtemp(pattern.data()) != nullptr);
    dir_ = pattern;
    path_ = dir_ + "/cairn.db";
  }
  ~TempDatabase() {
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
  }
  TempDatabase(const TempDatabase&) = delete;
  TempDatabase& operator=(const TempDatabase&) = delete;

  const std::string& path() const { return path_; }

  // The first column of the first row of `sql` as an integer, -1 without a row.
  std::int64_t count(const std::string& sql) const { return sqlite_count(path_, sql); }
  void exec(const std::string& sql) const { sqlite_exec(path_, sql); }

 private:
  std::string dir_, path_;
};

}  // namespace cairn::testing
