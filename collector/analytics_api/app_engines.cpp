#include "analytics_api/app_engines.h"

#include "analytics/sqlite_event_source.h"

#include <sqlite3.h>

#include <vector>

namespace cairn::analytics_api {

namespace {

// The highest events.id, read on a fresh read-only connection so it sees
// every commit acknowledged before the call. 0 when the table is missing
// (nothing ingested yet) or unreadable: the catch-up then reports the error.
std::int64_t latest_event_id(const std::string& path) {
  sqlite3* db = nullptr;
  std::int64_t id = 0;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db, "SELECT coalesce(max(id), 0) FROM events", -1, &stmt, nullptr) == SQLITE_OK &&
        sqlite3_step(stmt) == SQLITE_ROW) {
      id = sqlite3_column_int64(stmt, 0);
    }
    sqlite3_finalize(stmt);
  }
  sqlite3_close(db);
  return id;
}

}  // namespace

struct AppEngines::AppEngine {
  analytics::SqliteEventSource source;
  analytics::AnalyticsEngine engine;
  // The first build (engine.start) happens once, under start_mutex, outside
  // engines_mutex_: a build of one app (seconds on a big table) neither
  // blocks queries for other apps nor runs twice for concurrent first queries.
  std::mutex start_mutex;
  std::atomic<bool> started{false};

  AppEngine(const std::string& path, const std::string& app_id, analytics::AnalyticsEngine::Options options)
      : source(path, app_id), engine(source, options) {}
};

AppEngines::AppEngines(std::string database_path, analytics::AnalyticsEngine::Options options)
    : path_(std::move(database_path)), options_(options) {}

AppEngines::~AppEngines() {
  {
    std::lock_guard lock(follow_mutex_);
    stopping_ = true;
  }
  follow_wake_.notify_one();
  if (follower_.joinable()) follower_.join();
}

void AppEngines::follow_commits() {
  if (following_.exchange(true)) return;
  follower_ = std::thread([this] { follow(); });
}

void AppEngines::committed(std::int64_t last_event_id) {
  {
    // Under the follower's mutex, so the wake-up cannot fall between its
    // check and its wait.
    std::lock_guard lock(follow_mutex_);
    if (last_event_id > committed_id_.load()) committed_id_.store(last_event_id);
  }
  follow_wake_.notify_one();
}

std::shared_ptr<analytics::AnalyticsEngine> AppEngines::current(const std::string& app_id, std::string* error) {
  // Read before the engine is found or built, so the engine is brought at
  // least to every commit acknowledged before this call.
  const std::int64_t through = following_ ? committed_id_.load() : latest_event_id(path_);
  std::shared_ptr<AppEngine> app;
  {
    std::lock_guard lock(engines_mutex_);
    std::shared_ptr<AppEngine>& slot = engines_[app_id];
    if (!slot) slot = std::make_shared<AppEngine>(path_, app_id, options_);
    app = slot;
  }
  if (!app->started) {
    std::lock_guard start_lock(app->start_mutex);
    if (!app->started) {
      if (!app->engine.start(error)) {
        // Forget the failed engine: the next query starts a fresh one.
        std::lock_guard lock(engines_mutex_);
        auto it = engines_.find(app_id);
        if (it != engines_.end() && it->second == app) engines_.erase(it);
        return nullptr;
      }
      app->started = true;
    }
  }
  if (!app->engine.catch_up(static_cast<std::uint64_t>(through), error)) return nullptr;
  return std::shared_ptr<analytics::AnalyticsEngine>(app, &app->engine);
}

void AppEngines::forget(const std::string& app_id) {
  std::lock_guard lock(engines_mutex_);
  engines_.erase(app_id);
}

template <class Result, class Query>
std::optional<Result> AppEngines::answer(const std::string& app_id, const Query& query, BackendError* error,
                                         std::optional<Result> (analytics::AnalyticsEngine::*ask)(const Query&,
                                                                                                  std::string*)) {
  std::shared_ptr<analytics::AnalyticsEngine> engine = current(app_id, &error->message);
  if (!engine) return std::nullopt;
  return ((*engine).*ask)(query, &error->message);
}

std::optional<analytics::FunnelResult> AppEngines::funnel(const std::string& app_id,
                                                          const analytics::FunnelQuery& query, BackendError* error) {
  return answer(app_id, query, error, &analytics::AnalyticsEngine::funnel);
}

std::optional<analytics::GuideReport> AppEngines::guides(const std::string& app_id,
                                                         const analytics::GuideQuery& query, BackendError* error) {
  return answer(app_id, query, error, &analytics::AnalyticsEngine::guides);
}

std::optional<analytics::StuckReport> AppEngines::stuck(const std::string& app_id,
                                                        const analytics::StuckQuery& query, BackendError* error) {
  return answer(app_id, query, error, &analytics::AnalyticsEngine::stuck);
}

std::optional<analytics::TrendReport> AppEngines::trends(const std::string& app_id,
                                                         const analytics::TrendQuery& query, BackendError* error) {
  return answer(app_id, query, error, &analytics::AnalyticsEngine::trends);
}

void AppEngines::follow() {
  std::int64_t followed = 0;
  for (;;) {
    std::int64_t through;
    {
      std::unique_lock lock(follow_mutex_);
      follow_wake_.wait(lock, [&] { return stopping_ || committed_id_.load() > followed; });
      if (stopping_) return;
      through = committed_id_.load();
    }
    std::vector<std::shared_ptr<AppEngine>> apps;
    {
      std::lock_guard lock(engines_mutex_);
      // An engine still in its first build is brought current by the query
      // that waits for it.
      for (const auto& [id, app] : engines_) {
        if (app->started) apps.push_back(app);
      }
    }
    for (const std::shared_ptr<AppEngine>& app : apps) {
      // A failure here is not lost: the next query catches up again and
      // reports it.
      std::string ignored;
      app->engine.catch_up(static_cast<std::uint64_t>(through), &ignored);
    }
    followed = through;
  }
}

}  // namespace cairn::analytics_api
