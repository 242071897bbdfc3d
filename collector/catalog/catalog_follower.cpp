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

void CatalogFollower::run() {
  for (;;) {
    {
      std::unique_lock<std::mutex> lock(mutex_);
      if (wake_.wait_for(lock, interval_, [this] { return stopping_; })) return;
    }
    for (const std::string& app_id : cache_->app_ids()) {
      // A failure is not lost: the next request folds again and reports it.
      std::string ignored;
      cache_->current(app_id, &ignored);
    }
  }
}

}  // namespace cairn::catalog
