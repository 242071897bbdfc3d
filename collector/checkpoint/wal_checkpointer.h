// WalCheckpointer: copies SQLite's write-ahead log back into the database file
// on a thread and connection of its own, so the ingest writer never does it
// inside a group commit.
//
// Why: with WAL, the connection whose commit makes the log pass
// wal_autocheckpoint pages runs the checkpoint itself, inside that commit:
// it copies every logged page into the database and fsyncs it. For the events
// store that is ~40 MB every 10,000 pages, during which every request waiting
// for that group commit waits too — at 16 clients sending 100-event batches,
// those stalls were the whole p99 (bench/collector: 11 of 1,260 commits took
// 25–50 ms, the rest under 10 ms, and 1.8% of requests waited on them).
//
// A PASSIVE checkpoint here runs concurrently with the writer (SQLite lets one
// checkpointer and one writer work at once; readers are never blocked), and
// once the log is fully copied the writer starts it again from the beginning,
// so the log never grows to the writer's own threshold, which stays as the
// backstop if this thread falls behind.
//
// Threading: construct and stop() from one thread; the work runs on the
// checkpointer's own thread.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>

namespace cairn::checkpoint {

class WalCheckpointer {
 public:
  // How often the log is copied. A checkpoint with nothing new returns at
  // once (no copy, no fsync); one with new pages costs an fsync of the
  // database file, so the interval bounds the fsyncs this adds (5 a second).
  static constexpr std::chrono::milliseconds kInterval{200};

  struct Stats {
    std::uint64_t checkpoints = 0;  // PASSIVE checkpoints that succeeded.
    std::uint64_t failures = 0;     // Checkpoints SQLite refused (I/O error, not a WAL database).
  };

  // Opens its own connection to `database_path` (an existing WAL database)
  // and starts the thread. If the file cannot be opened the thread does
  // nothing and the writer's own checkpoints still keep the log bounded.
  explicit WalCheckpointer(std::string database_path, std::chrono::milliseconds interval = kInterval);
  ~WalCheckpointer();
  WalCheckpointer(const WalCheckpointer&) = delete;
  WalCheckpointer& operator=(const WalCheckpointer&) = delete;

  // Stops the thread (a checkpoint in progress finishes first). Idempotent.
  void stop();
  Stats stats() const;

 private:
  void run();

  const std::string path_;
  const std::chrono::milliseconds interval_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  Stats stats_;
  std::thread thread_;
};

}  // namespace cairn::checkpoint
