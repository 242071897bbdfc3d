#include "catalog/catalog_follower.h"

#include <string>
#include <vector>

namespace cairn::catalog {

CatalogFollower::CatalogFollower(std::shared_ptr<CatalogCache> cache, std::chrono::milliseconds interval)
    : cache_(std::move(cache)), interval_(interval) {
  thread_ = std::thread([this] { run(); });
}

CatalogFollower::~CatalogFollower() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_one();
  if (thread_.joinable()) thread_.join();
}

void CatalogFollower::committed(std::int64_t last_event_id) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (last_event_id <= committed_id_) return;
    committed_id_ = last_event_id;
  }
  wake_.notify_one();
}

void CatalogFollower::run() {
  for (;;) {
    std::int64_t target = 0;
    {
      std::unique_lock<std::mutex> lock(mutex_);
      wake_.wait(lock, [this] { return stopping_ || committed_id_ > folded_id_; });
      if (stopping_) return;
      target = committed_id_;
    }
    for (const std::string& app_id : cache_->app_ids()) {
      // A failure is not lost: the next request folds again and reports it.
      std::string ignored;
      cache_->current(app_id, &ignored);
    }
    // At most one refresh per interval: commits meanwhile wait for the next.
    std::unique_lock<std::mutex> lock(mutex_);
    folded_id_ = target;
    if (wake_.wait_for(lock, interval_, [this] { return stopping_; })) return;
  }
}

}  // namespace cairn::catalog
