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
// Threading: every method is thread-safe. committed() never blocks on I/O (it
// runs on the store's writer thread, before the ingest answers).
#pragma once

#include "analytics/analytics_engine.h"
#include "analytics_api/analytics_backend.h"

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

namespace cairn::analytics_api {

class AppEngines final : public AnalyticsBackend {
 public:
  explicit AppEngines(std::string database_path,
                      analytics::AnalyticsEngine::Options options = {});
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
  // builds its index (the start-up warm-up makes that call); concurrent first
  // calls wait for one build.
  std::shared_ptr<analytics::AnalyticsEngine> current(const std::string& app_id, std::string* error);

  // Drops the app's engine and its cached results (after a person's
  // erasure): the next query builds the index again from the store. A query
  // in progress finishes on the engine it started with.
  void forget(const std::string& app_id);

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
  // current(app_id)->*ask(query), errors as BackendError.
  template <class Result, class Query>
  std::optional<Result> answer(const std::string& app_id, const Query& query, BackendError* error,
                               std::optional<Result> (analytics::AnalyticsEngine::*ask)(const Query&, std::string*));

  std::string path_;
  analytics::AnalyticsEngine::Options options_;

  std::mutex engines_mutex_;
  std::map<std::string, std::shared_ptr<AppEngine>, std::less<>> engines_;

  std::atomic<bool> following_{false};
  std::atomic<std::int64_t> committed_id_{0};
  std::mutex follow_mutex_;
  std::condition_variable follow_wake_;
  bool stopping_ = false;  // Guarded by follow_mutex_.
  std::thread follower_;
};

}  // namespace cairn::analytics_api
