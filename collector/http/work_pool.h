// WorkPool: runs blocking work (password hashing, analytics queries, catalog
// builds) on threads of its own, so it never stalls the I/O threads that
// serve ingest and health checks. The queue is bounded: when it is full,
// submit() refuses and the caller answers 503 instead of queueing without
// limit (a client retrying later costs less than an unbounded backlog).
//
// Threading: submit(), queued() and draining() are thread-safe. drain() (or the
// destructor) lets the running jobs finish, refuses the queued ones (their
// `refuse` runs instead, on the draining thread) and joins the threads; call
// it after the server stopped. submit() after drain() refuses.
//
// Why refuse and not run the queue at drain: the server calls drain() when its
// shutdown grace ended (ServerLimits::kShutdownGrace). A queued analytics
// query can take seconds (an index rebuild); running a queue of them then held
// the process past its grace, for answers whose connections were already
// abandoned. A refused job's request gets 503 instead (pooled_route.h).
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
  // `refuse`, when given, runs instead of `job` if drain() finds it still queued.
  bool submit(std::function<void()> job, std::function<void()> refuse = {});
  // Jobs waiting for a thread (not the running ones).
  std::size_t queued();
  // True once drain() began: long optional jobs (warm-ups) may skip their work.
  bool draining();
  // Refuses the jobs queued now (runs their `refuse`, on this thread); the
  // running ones go on, later submit()s are queued as usual. For the server's
  // shutdown grace end: the refusals can still reach their connections.
  void refuse_queued();
  // Stops taking jobs, refuses the queued ones, waits for the running ones.
  void drain();

 private:
  struct Job {
    std::function<void()> run;
    std::function<void()> refuse;
  };
  void run();

  const std::size_t max_queued_jobs_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<Job> jobs_;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace cairn::http
