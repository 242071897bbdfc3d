#include "analytics/parallel_users.h"

#include <algorithm>
#include <thread>

namespace cairn::analytics {

std::size_t evaluation_threads(std::size_t users, const ParallelOptions& options) {
  const std::size_t block = std::max<std::size_t>(1, options.block_users);
  if (users < block * 2) return 1;
  const std::size_t threads = options.threads ? options.threads : std::thread::hardware_concurrency();
  return std::clamp<std::size_t>(threads, 1, kMaxEvaluationThreads);
}

UserBlocks::UserBlocks(std::size_t users, std::size_t workers, const ParallelOptions& options)
    : users_(users),
      block_(std::max<std::size_t>(1, options.block_users)),
      workers_(std::max<std::size_t>(1, workers)),
      round_robin_(options.round_robin),
      rounds_(round_robin_ ? workers_ : 0) {}

bool UserBlocks::next(std::size_t worker, std::size_t* begin, std::size_t* end) {
  const std::size_t at =
      round_robin_ ? (rounds_[worker]++ * workers_ + worker) * block_ : next_.fetch_add(block_);
  if (at >= users_) return false;
  *begin = at;
  *end = std::min(users_, at + block_);
  return true;
}

void run_workers(std::size_t threads, const std::function<void(std::size_t worker)>& work) {
  std::vector<std::thread> pool;
  for (std::size_t w = 1; w < threads; ++w) pool.emplace_back(work, w);
  work(0);
  for (std::thread& th : pool) th.join();
}

}  // namespace cairn::analytics
