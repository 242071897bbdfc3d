// CatalogFollower: keeps the catalogs already built current while events
// arrive, so a catalog request folds at most the last interval's events
// rather than everything stored since the previous request (a million events
// after a seed or a busy day: seconds, the dashboard overview's slowest
// panel). Every interval, on a thread of its own, it asks the cache for each
// app it holds; CatalogCache folds only the events stored since (and answers
// at once when nothing moved). Apps enter the cache on the start-up warm-up or
// their first catalog request.
//
// Threading: construct and destroy on one thread; the work runs on the
// follower's own thread, alongside requests (the cache serialises per app).
#pragma once

#include "catalog/catalog_cache.h"

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>

namespace cairn::catalog {

class CatalogFollower {
 public:
  static constexpr std::chrono::milliseconds kDefaultInterval{1000};

  explicit CatalogFollower(std::shared_ptr<CatalogCache> cache,
                           std::chrono::milliseconds interval = kDefaultInterval);
  // Stops after the current refresh.
  ~CatalogFollower();
  CatalogFollower(const CatalogFollower&) = delete;
  CatalogFollower& operator=(const CatalogFollower&) = delete;

 private:
  void run();

  std::shared_ptr<CatalogCache> cache_;
  const std::chrono::milliseconds interval_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;  // Guarded by mutex_.
  std::thread thread_;
};

}  // namespace cairn::catalog
