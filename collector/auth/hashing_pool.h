// HashingPool: runs password hashing and verification (Argon2id, ~100 ms and
// 64 MiB each) on threads of its own, so a burst of logins never stalls the
// I/O threads that serve ingest. The queue is bounded: when it is full,
// submit() refuses and the caller answers 503 instead of queueing without limit.
//
// Threading: submit() is thread-safe. drain() (or the destructor) finishes the
// queued jobs and joins the threads; call it after the server stopped.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace cairn::auth {

class HashingPool {
 public:
  // Jobs waiting beyond this are refused (each login waits at most
  // kMaxQueuedJobs / threads hashing times).
  static constexpr std::size_t kMaxQueuedJobs = 32;

  explicit HashingPool(int threads);
  ~HashingPool();
  HashingPool(const HashingPool&) = delete;
  HashingPool& operator=(const HashingPool&) = delete;

  // Queues `job`; false when the queue is full or the pool is draining.
  bool submit(std::function<void()> job);
  void drain();

 private:
  void run();

  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::function<void()>> jobs_;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace cairn::auth
