#include "checkpoint/wal_checkpointer.h"

#include <sqlite3.h>

namespace cairn::checkpoint {

WalCheckpointer::WalCheckpointer(std::string database_path, std::chrono::milliseconds interval)
    : path_(std::move(database_path)), interval_(interval) {
  thread_ = std::thread([this] { run(); });
}

WalCheckpointer::~WalCheckpointer() { stop(); }

void WalCheckpointer::stop() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

WalCheckpointer::Stats WalCheckpointer::stats() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return stats_;
}

void WalCheckpointer::run() {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path_.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
    sqlite3_close(db);
    return;
  }
  std::unique_lock<std::mutex> lock(mutex_);
  while (!wake_.wait_for(lock, interval_, [this] { return stopping_; })) {
    lock.unlock();
    // PASSIVE: copies what no reader still needs and never waits for the
    // writer or readers (a busy moment just leaves pages for the next round).
    int logged = -1;
    int rc = sqlite3_wal_checkpoint_v2(db, nullptr, SQLITE_CHECKPOINT_PASSIVE, &logged, nullptr);
    const bool wal_known = logged >= 0;
    if (rc == SQLITE_OK && !wal_known) {
      // A new connection learns that the file is in WAL mode when it first
      // reads it; until then a checkpoint reports -1 and copies nothing.
      sqlite3_exec(db, "PRAGMA schema_version", nullptr, nullptr, nullptr);
    }
    lock.lock();
    if (rc != SQLITE_OK && rc != SQLITE_BUSY) {
      ++stats_.failures;
    } else if (wal_known) {
      ++stats_.checkpoints;
    }
  }
  lock.unlock();
  sqlite3_close(db);
}

}  // namespace cairn::checkpoint
