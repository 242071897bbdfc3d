// CatalogFollower: keeps the catalogs already built current while events
// arrive, so a catalog request folds at most the last interval's events
// rather than everything stored since the previous request (a million events
// after a seed or a busy day: seconds, the dashboard overview's slowest
// panel). The event store reports each commit (committed()); on a thread of
// its own the follower then asks the cache for each app it holds, and
// CatalogCache folds only the events stored since. Commits arriving within
// one interval are folded together; an idle collector does no work. Apps
// enter the cache on the start-up warm-up or their first catalog request.
//
// Threading: construct and destroy on one thread; committed() from any
// thread; the work runs on the follower's own thread, alongside requests (the
// cache serialises per app).
#pragma once

#include "catalog/catalog_cache.h"

#include <chrono>
#include <cstdint>
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
  // Events up to `last_event_id` are committed: fold them within an interval.
  void committed(std::int64_t last_event_id);
  CatalogFollower(const CatalogFollower&) = delete;
  CatalogFollower& operator=(const CatalogFollower&) = delete;

 private:
  void run();

  std::shared_ptr<CatalogCache> cache_;
  const std::chrono::milliseconds interval_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;            // Guarded by mutex_.
  std::int64_t committed_id_ = 0;    // Guarded by mutex_.
  std::int64_t folded_id_ = 0;       // Guarded by mutex_.
  std::thread thread_;
};

}  // namespace cairn::catalog
