// Parallel evaluation over an index's users: the users [0, user_count) are
// split into blocks of consecutive ids that worker threads claim in turn; each
// worker folds its users into its own partial result, and the caller merges
// the partials. Because a user's whole timeline lives under one user id (an
// identity merge moves a linked anonymousId's events to the userId and leaves
// the anonymousId's timeline empty, event_index.h), each user is seen by
// exactly one worker: per-user distinct counts add up across partials without
// double counting.
//
// A worker claims blocks in increasing order (by default whichever block is
// next when it is free, so a descheduled thread delays nobody) and visits the
// users of a block in increasing order, so within one partial users arrive in
// ascending id order, as on a single thread (reports that keep "the last one
// seen" rely on it). Inputs smaller than two blocks run on the calling thread.
//
// Threading: evaluate_users() blocks until every worker is done; the visitor
// of each worker touches only that worker's partial and shared read-only data.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <vector>

namespace cairn::analytics {

struct ParallelOptions {
  std::size_t threads = 0;         // 0 = std::thread::hardware_concurrency().
  std::size_t block_users = 2048;  // Users per claimed block (tests use small blocks).
  // Block b goes to worker b % threads instead of to the next free worker:
  // every worker gets work even when one could do it all before the others
  // start (tests that check merging), at the cost of load balancing.
  bool round_robin = false;
};

inline constexpr std::size_t kMaxEvaluationThreads = 64;

// The number of workers evaluate_users() uses for `users` users: 1 below two
// blocks, else options.threads (or the hardware's), at most kMaxEvaluationThreads.
std::size_t evaluation_threads(std::size_t users, const ParallelOptions& options);

// The shared cursor `workers` workers claim blocks of user ids from.
class UserBlocks {
 public:
  UserBlocks(std::size_t users, std::size_t workers, const ParallelOptions& options);
  // Claims `worker`'s next block [*begin, *end); false when it has no more.
  // Each worker's blocks come in increasing order.
  bool next(std::size_t worker, std::size_t* begin, std::size_t* end);

 private:
  std::size_t users_;
  std::size_t block_;
  std::size_t workers_;
  bool round_robin_;
  std::atomic<std::size_t> next_{0};
  std::vector<std::size_t> rounds_;  // round_robin: blocks each worker took (its own slot only).
};

// Calls work(w) for w in [0, threads): w = 0 on the calling thread, the others
// on threads of their own; returns when all have returned.
void run_workers(std::size_t threads, const std::function<void(std::size_t worker)>& work);

// Evaluates every user in [0, users) and returns one Partial per worker.
// `make_visitor(Partial&)` is called once per worker, on its thread, and
// returns a callable taking a std::uint32_t user id; it may keep scratch
// state across users.
template <typename Partial, typename MakeVisitor>
std::vector<Partial> evaluate_users(std::size_t users, const ParallelOptions& options, MakeVisitor make_visitor) {
  std::vector<Partial> partials(evaluation_threads(users, options));
  UserBlocks blocks(users, partials.size(), options);
  run_workers(partials.size(), [&](std::size_t worker) {
    auto visit = make_visitor(partials[worker]);
    std::size_t begin = 0, end = 0;
    while (blocks.next(worker, &begin, &end)) {
      for (std::size_t u = begin; u < end; ++u) visit(static_cast<std::uint32_t>(u));
    }
  });
  return partials;
}

// Counts distinct users when each user's events are visited together (true
// within a partial of evaluate_users()): a user counts when first added after
// another user. Partials add up because no user is in two of them.
class DistinctUsers {
 public:
  void add(std::uint32_t user) {
    if (count_ == 0 || user != last_) {
      ++count_;
      last_ = user;
    }
  }
  void merge(const DistinctUsers& other) { count_ += other.count_; }
  std::uint64_t count() const { return count_; }

 private:
  std::uint64_t count_ = 0;
  std::uint32_t last_ = 0;
};

}  // namespace cairn::analytics
