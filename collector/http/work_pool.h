// WorkPool: runs blocking work (password hashing, analytics queries, catalog
// builds) on threads of its own, so it never stalls the I/O threads that
// serve ingest and health checks. The queue is bounded: when it is full,
// submit() refuses and the caller answers 503 instead of queueing without
// limit (a client retrying later costs less than an unbounded backlog).
//
// Threading: submit(), queued() and draining() are thread-safe. drain() (or the
// destructor) finishes the queued jobs and joins the threads; call it after
// the server stopped. submit() after drain() refuses.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace cairn::http {

class WorkPool {
 public:
  // REQUIRES: threads >= 1. Jobs waiting beyond `max_queued_jobs` (not
  // counting the ones running) are refused.
  WorkPool(int threads, std::size_t max_queued_jobs);
  ~WorkPool();
  WorkPool(const WorkPool&) = delete;
  WorkPool& operator=(const WorkPool&) = delete;

  // Queues `job`; false when the queue is full or the pool is draining.
  bool submit(std::function<void()> job);
  // Jobs waiting for a thread (not the running ones).
  std::size_t queued();
  // True once drain() began: long optional jobs (warm-ups) may skip their work.
  bool draining();
  void drain();

 private:
  void run();

  const std::size_t max_queued_jobs_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::function<void()>> jobs_;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace cairn::http
