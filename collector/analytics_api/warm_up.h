// Start-up warm-up: right after the server starts listening, builds each
// app's analytics index and catalog on the query pool, so the first dashboard
// view after a restart does not pay for them (seconds on a million events).
// The builds are the same calls a first query makes (AppEngines::current,
// CatalogCache::current), which build once however many callers wait, so a
// query arriving during the warm-up waits for the build in progress instead
// of starting a second one. /healthz and ingest stay on the I/O threads and
// answer throughout.
//
// /metrics: cairn_warmup_pending counts the builds not finished yet (0 once
// warm); a failed build is logged and left to the first query, and so are the
// apps a full part (Warmer::full) skips.
//
// Threading: start_warm_up() is called once by main's thread; the builds run
// on the pool. A pool that starts draining skips the builds not begun.
#pragma once

#include "http/work_pool.h"
#include "metrics/metrics.h"

#include <functional>
#include <string>
#include <vector>

namespace cairn::analytics_api {

struct Warmer {
  std::string what;  // "analytics", "catalog": for the logs.
  // Builds `app_id`'s part; false with `*error` when it cannot.
  std::function<bool(const std::string& app_id, std::string* error)> build;
  // Optional: true when this part has no room for another app (the analytics
  // memory budget is reached). Asked before each build; once true, this
  // part's remaining apps are skipped (logged) and left to their first query.
  std::function<bool()> full = nullptr;
};

// The order to warm `app_ids` in: the apps in `most_recent_first` (the store's
// apps by their newest event, store/recent_apps.h) first, in that order, then
// the others as listed. Under the memory budget the warm-up stops early, and
// the indexes it built should be the live apps', not the oldest ones.
std::vector<std::string> warm_up_order(const std::vector<std::string>& app_ids,
                                       const std::vector<std::string>& most_recent_first);

// Runs every warmer for every app on `pool`, one build at a time (so at most
// one pool thread and one queue slot go to the warm-up). `pool`, `registry`
// and whatever the warmers use must outlive the pool's drain().
void start_warm_up(http::WorkPool& pool, const std::vector<std::string>& app_ids,
                   std::vector<Warmer> warmers, metrics::Registry& registry);

}  // namespace cairn::analytics_api
