#include "http/work_pool.h"

namespace cairn::http {

WorkPool::WorkPool(int threads, std::size_t max_queued_jobs) : max_queued_jobs_(max_queued_jobs) {
  for (int i = 0; i < threads; ++i) threads_.emplace_back([this] { run(); });
}

WorkPool::~WorkPool() { drain(); }

bool WorkPool::submit(std::function<void()> job) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (stopping_ || jobs_.size() >= max_queued_jobs_) return false;
    jobs_.push_back(std::move(job));
  }
  wake_.notify_one();
  return true;
}

std::size_t WorkPool::queued() {
  std::lock_guard<std::mutex> lock(mutex_);
  return jobs_.size();
}

bool WorkPool::draining() {
  std::lock_guard<std::mutex> lock(mutex_);
  return stopping_;
}

void WorkPool::run() {
  for (;;) {
    std::function<void()> job;
    {
      std::unique_lock<std::mutex> lock(mutex_);
      wake_.wait(lock, [this] { return stopping_ || !jobs_.empty(); });
      if (jobs_.empty()) return;  // Stopping and nothing left.
      job = std::move(jobs_.front());
      jobs_.pop_front();
    }
    job();
  }
}

void WorkPool::drain() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  for (std::thread& t : threads_) {
    if (t.joinable()) t.join();
  }
  threads_.clear();
}

}  // namespace cairn::http
