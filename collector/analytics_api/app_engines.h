// AppEngines: one AnalyticsEngine per app over the collector's SQLite events
// store, each built on the app's first query and then kept current
// incrementally: after a group commit only the rows stored since the engine's
// last one (`WHERE app = ? AND id > ?`) are read and appended, never the
// whole table again.
//
// Two ways to learn that rows were committed:
//  - follow_commits() + committed(id) from the EventStore's commit hook (the
//    collector): a follower thread appends each commit's rows to every built
//    engine in the background, and a query catches up to the last reported
//    commit first, so it counts every event acknowledged before it.
//  - otherwise (nothing reports commits, e.g. another process writes the
//    database): each query reads max(events.id) on a fresh connection and
//    catches up to it.
//
// Memory budget: the engines together hold at most Options::memory_budget_bytes
// of index (AnalyticsEngine::index_memory_bytes(), measured again when an
// index grows: new columns, or enough new rows). Above it, engines are
// dropped: removed from the map, freed at once (only an engine nobody holds
// is chosen, so nothing is freed under a running query), rebuilt from the
// store by the app's next query like a first query. First any engine bigger
// than the whole budget, then the least recently queried; never the most
// recently queried app's, so an app bigger than the budget is still built
// and answered (answering beats refusing) and is the first dropped once
// another app is queried. While the engines over the budget are in use the
// total may stay above it; the next query or commit drops them. The follower
// only appends to engines in the map, so a dropped engine is never brought
// back nor answers again; its replacement starts from the store.
// Erasure: forget(app_id) after a person's erasure committed marks the app's
// engine erased (under the map's mutex) and drops it. A query checks its
// engine under that mutex after answering and, when it was erased meanwhile
// (its index, even one built while the erasure ran, may hold the person),
// throws the answer away and asks a fresh engine, built from the store after
// the erasure. So once forget() returned no answer comes from an index that
// holds the erased rows, and an erased engine is never put back in the map.
// /metrics: cairn_analytics_index_bytes, cairn_analytics_engines,
// cairn_analytics_memory_budget_bytes, cairn_analytics_engines_dropped_total.
//
// Threading: every method is thread-safe. committed() never blocks on I/O (it
// runs on the store's writer thread, before the ingest answers).
#pragma once

#include "analytics/analytics_engine.h"
#include "analytics_api/analytics_backend.h"
#include "metrics/metrics.h"

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <limits>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace cairn::analytics_api {

class AppEngines final : public AnalyticsBackend {
 public:
  struct Options {
    analytics::AnalyticsEngine::Options engine;
    // The most bytes of index the engines hold together (see above).
    std::size_t memory_budget_bytes = std::numeric_limits<std::size_t>::max();
    // Gets the memory metrics; nullptr: kept private (tests read usage()).
    metrics::Registry* metrics = nullptr;
    // Called with the app id after an engine answered a query, before the
    // answer is checked against erasures (tests hold a query there to
    // interleave an erasure). Empty: none.
    std::function<void(const std::string&)> answered;
  };
  struct Usage {
    std::size_t index_bytes = 0;  // Measured bytes of the engines in the map.
    std::size_t engines = 0;      // Engines in the map (built or building).
    std::uint64_t dropped = 0;    // Engines dropped for the budget so far.
  };

  explicit AppEngines(std::string database_path);
  AppEngines(std::string database_path, Options options);
  // Stops the follower thread (if any) after its current catch-up.
  ~AppEngines();
  AppEngines(const AppEngines&) = delete;
  AppEngines& operator=(const AppEngines&) = delete;

  // From now on, commits are reported through committed(): starts the
  // follower thread and stops reading max(events.id) per query. Call once,
  // before the store commits anything.
  void follow_commits();

  // The store committed rows up to events.id `last_event_id`.
  void committed(std::int64_t last_event_id);

  // The app's engine, holding every event committed before the call; nullptr
  // with `*error` when the store cannot be read. The first call for an app
  // (or the first after its engine was dropped for the budget) builds its
  // index; concurrent first calls wait for one build. Counts as a query for
  // the budget's least-recently-used order; the returned engine is never
  // dropped while held.
  std::shared_ptr<analytics::AnalyticsEngine> current(const std::string& app_id, std::string* error);

  // Drops the app's engine and its cached results (after a person's
  // erasure): the next query builds the index again from the store. A query
  // in progress on the old engine answers again from a new one (see above).
  void forget(const std::string& app_id);

  // The start-up warm-up's build: current(app_id), except that it is no
  // query (the app stays least recently queried) and that an index which
  // does not fit in what is left of the budget is dropped again at once
  // (nobody asked for it; the indexes already built stay): false with
  // `*error` saying so, and warm_up_full() turns true. Otherwise false with
  // `*error` as current().
  bool warm(const std::string& app_id, std::string* error);
  // True once the budget has no room for another app's index: the warm-up
  // stops building (the apps left are built by their first query).
  bool warm_up_full();

  // What /metrics shows, for tests.
  Usage usage();

  // AnalyticsBackend: current(app_id), then the engine's answer.
  std::optional<analytics::FunnelResult> funnel(const std::string& app_id, const analytics::FunnelQuery& query,
                                                BackendError* error) override;
  std::optional<analytics::GuideReport> guides(const std::string& app_id, const analytics::GuideQuery& query,
                                               BackendError* error) override;
  std::optional<analytics::StuckReport> stuck(const std::string& app_id, const analytics::StuckQuery& query,
                                              BackendError* error) override;
  std::optional<analytics::TrendReport> trends(const std::string& app_id, const analytics::TrendQuery& query,
                                               BackendError* error) override;

 private:
  struct AppEngine;
  void follow();
  // current() with `query` false for the warm-up.
  std::shared_ptr<AppEngine> acquire(const std::string& app_id, bool query, std::string* error);
  using EngineMap = std::map<std::string, std::shared_ptr<AppEngine>, std::less<>>;
  // Measures `app`'s index again if it grew or changed since it was last
  // measured (cheap otherwise) and adds the difference to the total.
  void measure(const std::shared_ptr<AppEngine>& app);
  // Drops engines until the total fits the budget, then logs them.
  void fit_budget();
  // REQUIRES: engines_mutex_ held. Drops engines no one holds, except the
  // most recently queried one, until the total fits: first those bigger than
  // the whole budget, then the least recently queried. Returns the dropped
  // apps' ids and bytes, to be logged without the lock.
  std::vector<std::pair<std::string, std::size_t>> fit_budget_locked();
  // REQUIRES: engines_mutex_ held; `it` in engines_. Removes it from the map
  // and the total; its holders (if any) keep it until they let go.
  void remove_locked(EngineMap::iterator it);
  void publish_usage_locked();
  // current(app_id)->*ask(query), errors as BackendError; then the budget
  // again, as the query may have added columns.
  template <class Result, class Query>
  std::optional<Result> answer(const std::string& app_id, const Query& query, BackendError* error,
                               std::optional<Result> (analytics::AnalyticsEngine::*ask)(const Query&, std::string*));

  std::string path_;
  analytics::AnalyticsEngine::Options options_;
  std::function<void(const std::string&)> answered_;
  std::size_t budget_;

  std::mutex engines_mutex_;
  EngineMap engines_;
  // Guarded by engines_mutex_: the sum of the engines' measured bytes, the
  // query clock ordering them by last use, and the warm-up's stop.
  std::size_t total_bytes_ = 0;
  std::uint64_t query_clock_ = 0;
  bool warm_up_full_ = false;

  metrics::Registry private_metrics_;  // When Options::metrics is nullptr.
  metrics::Registry& metrics_;
  metrics::Gauge& bytes_gauge_;
  metrics::Gauge& engines_gauge_;
  metrics::Counter& dropped_counter_;

  std::atomic<bool> following_{false};
  std::atomic<std::int64_t> committed_id_{0};
  std::mutex follow_mutex_;
  std::condition_variable follow_wake_;
  bool stopping_ = false;  // Guarded by follow_mutex_.
  std::thread follower_;
};

}  // namespace cairn::analytics_api
