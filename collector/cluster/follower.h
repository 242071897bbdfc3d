// Follower: keeps this collector's apps, write keys, origins and published
// guides equal to a primary's. A background thread polls the primary's
// GET /internal/metadata (cluster/cluster_routes.h) with the cluster secret
// and If-None-Match, and applies each changed snapshot in one transaction
// (cluster/snapshot_apply.h). While the primary cannot be reached the
// follower keeps serving its last snapshot and retries with a bounded
// backoff (the interval doubled per failure, up to 8 intervals and at most
// 30 s, so a primary back from a restart is seen within 8 intervals).
// The snapshot's person erasures go to the erasure replay once one is set
// (cluster/erasure_replay.h): until then, and while a replay fails, the
// snapshot's ETag is not kept, so the next poll fetches it again.
//
// Metrics: cairn_follower_syncs_total{result=applied|unchanged|failed},
// cairn_follower_consecutive_failures, cairn_follower_last_success_timestamp_seconds.
//
// Threading: start() and stop() from one thread; status() from any.
#pragma once

#include "admin/app_directory.h"
#include "admin/database.h"
#include "metrics/metrics.h"
#include "store/person_erasure.h"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace cairn::cluster {

struct FollowerOptions {
  std::string primary_url;  // "http://primary:8470", no path.
  std::string secret;
  std::chrono::milliseconds interval{2000};
  std::chrono::milliseconds request_timeout{10000};
};

// Repeats a snapshot's erasures locally; "" or why some are not repeated yet.
using ErasureReplay = std::function<std::string(const std::vector<store::RecordedErasure>& erasures)>;
// Told of the apps a snapshot deleted here (apply_snapshot's newly_deleted):
// purges their events. Must not block (the purge runs in the background).
using AppsDeleted = std::function<void(const std::vector<std::string>& app_ids)>;

struct FollowerStatus {
  // False until the first successful poll, unless the database already held
  // apps at start (a restarted follower serves its last snapshot at once). A
  // fresh follower that is not ready would refuse every write key.
  bool ready = false;
  std::int64_t last_success_ms = 0;  // 0: never synced since start.
  std::int64_t consecutive_failures = 0;
  std::string last_error;  // "" after a success.
};

class Follower {
 public:
  static constexpr std::chrono::milliseconds kMaxBackoff{30000};
  static constexpr int kMaxBackoffFactor = 8;

  Follower(FollowerOptions options, admin::Database& db, admin::AppDirectory& apps,
           metrics::Registry& registry);
  ~Follower();
  Follower(const Follower&) = delete;
  Follower& operator=(const Follower&) = delete;

  void start();
  // Returns promptly: a request in flight is aborted.
  void stop();

  FollowerStatus status() const;

  // Set once the event store is open; `replay` must stay callable until stop().
  void set_erasure_replay(ErasureReplay replay);
  // Set once the event store is open (it purges the apps deleted before by
  // itself); `deleted` must stay callable until stop().
  void set_apps_deleted(AppsDeleted deleted);

 private:
  void run();
  // One poll: "" on success (applied or unchanged), else why it failed.
  std::string sync_once(void* curl, bool* applied);
  std::chrono::milliseconds next_wait() const;

  FollowerOptions options_;
  admin::Database& db_;
  admin::AppDirectory& apps_;
  metrics::Counter& applied_;
  metrics::Counter& unchanged_;
  metrics::Counter& failed_;
  metrics::Gauge& failures_gauge_;
  metrics::Gauge& last_success_gauge_;

  std::atomic<bool> stopping_{false};
  std::thread thread_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  FollowerStatus status_;  // Guarded by mutex_.
  ErasureReplay replay_;   // Guarded by mutex_.
  AppsDeleted apps_deleted_;  // Guarded by mutex_.
  std::string etag_;       // The applied snapshot's; only the thread uses it.
};

}  // namespace cairn::cluster
