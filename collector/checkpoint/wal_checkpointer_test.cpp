#include "checkpoint/wal_checkpointer.h"

#include <catch2/catch.hpp>
#include <sqlite3.h>
#include <unistd.h>

#include <filesystem>
#include <string>
#include <thread>
#include <vector>

using cairn::checkpoint::WalCheckpointer;

namespace {

// A writer like the events store's, but with no checkpoints of its own: a
// WAL database whose commits report the log's size in pages through the WAL
// hook. The log shrinks only when someone else checkpointed it (the next
// commit then starts writing at its beginning again).
class Writer {
 public:
  explicit Writer(const std::string& path) {
    REQUIRE(sqlite3_open(path.c_str(), &db_) == SQLITE_OK);
    exec("PRAGMA journal_mode=WAL; PRAGMA wal_autocheckpoint=0; "
         "CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)");
    sqlite3_wal_hook(db_, [](void* self, sqlite3*, const char*, int pages) {
      static_cast<Writer*>(self)->log_pages.push_back(pages);
      return SQLITE_OK;
    }, this);
  }
  ~Writer() { sqlite3_close(db_); }
  void exec(const std::string& sql) { REQUIRE(sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK); }
  void commit_rows(int n) {
    std::string sql = "BEGIN;";
    for (int i = 0; i < n; ++i) sql += "INSERT INTO t (v) VALUES (hex(randomblob(500)));";
    exec(sql + "COMMIT;");
  }
  bool log_restarted() const {
    for (std::size_t i = 1; i < log_pages.size(); ++i) {
      if (log_pages[i] < log_pages[i - 1]) return true;
    }
    return false;
  }
  std::vector<int> log_pages;

 private:
  sqlite3* db_ = nullptr;
};

std::string temp_database() {
  std::string pattern = (std::filesystem::temp_directory_path() / "cairn-checkpoint-XXXXXX").string();
  return std::string(mkdtemp(pattern.data())) + "/cairn.db";
}

}  // namespace

TEST_CASE("without a checkpointer the log of a writer that never checkpoints only grows") {
  std::string path = temp_database();
  {
    Writer writer(path);
    for (int i = 0; i < 20; ++i) writer.commit_rows(50);
    CHECK_FALSE(writer.log_restarted());
  }
  std::filesystem::remove_all(std::filesystem::path(path).parent_path());
}

TEST_CASE("the checkpointer copies the log off the writer's thread, so the log starts over") {
  std::string path = temp_database();
  {
    Writer writer(path);
    writer.commit_rows(1);
    WalCheckpointer checkpointer(path, std::chrono::milliseconds(5));
    for (int i = 0; i < 200 && !writer.log_restarted(); ++i) {
      writer.commit_rows(50);
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    CHECK(writer.log_restarted());
    checkpointer.stop();
    checkpointer.stop();  // Idempotent.
    CHECK(checkpointer.stats().checkpoints > 0);
    CHECK(checkpointer.stats().failures == 0);
  }
  std::filesystem::remove_all(std::filesystem::path(path).parent_path());
}

TEST_CASE("a checkpointer on a missing database does nothing and stops at once") {
  WalCheckpointer checkpointer("/nonexistent-dir/cairn.db", std::chrono::milliseconds(5));
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  checkpointer.stop();
  CHECK(checkpointer.stats().checkpoints == 0);
}
