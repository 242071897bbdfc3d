#include "http/work_pool.h"

namespace cairn::http {

WorkPool::WorkPool(int threads, std::size_t max_queued_jobs) : max_queued_jobs_(max_queued_jobs) {
  for (int i = 0; i < threads; ++i) threads_.emplace_back([this] { run(); });
}

WorkPool::~WorkPool() { drain(); }

bool WorkPool::submit(std::function<void()> job, std::function<void()> refuse) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (stopping_ || jobs_.size() >= max_queued_jobs_) return false;
    jobs_.push_back(Job{std::move(job), std::move(refuse)});
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
      if (stopping_) return;  // drain() refuses what is left.
      job = std::move(jobs_.front().run);
      jobs_.pop_front();
    }
    job();
  }
}

void WorkPool::refuse_queued() {
  std::deque<Job> refused;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    refused.swap(jobs_);
  }
  for (Job& job : refused) {
    if (job.refuse) job.refuse();
  }
}

void WorkPool::drain() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  refuse_queued();
  for (std::thread& t : threads_) {
    if (t.joinable()) t.join();
  }
  threads_.clear();
}

}  // namespace cairn::http
