#include "analytics_api/app_engines.h"

#include "analytics/sqlite_event_source.h"
#include "http/server.h"

#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <sqlite3.h>

#include <algorithm>
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

// Measuring walks every user's timeline and every dictionary (milliseconds at
// a million users), too much for each commit of a busy app: the rows appended
// since the last measurement are measured with the next batch once they are
// this many, or 1/64 of the index (so the total may be off by ~1.6%).
constexpr std::uint64_t kMeasureEveryRows = 4096;

// A query whose engine an erasure forgot while it answered asks a new engine
// this many times in all (each erasure of the app forgets the new one too).
constexpr int kErasedAnswerAttempts = 3;

// What an index's size depends on. The data version (rows) alone misses
// column additions, which keep it.
struct IndexShape {
  std::uint64_t version = 0, columns_added = 0, rebuilds = 0;

  // True when an index of this shape may be much bigger than one measured at
  // `measured`: new columns, a rebuild, or enough new rows.
  bool grew_since(const IndexShape& measured) const {
    if (columns_added != measured.columns_added || rebuilds != measured.rebuilds) return true;
    return version >= measured.version + std::max(kMeasureEveryRows, measured.version / 64);
  }
};

IndexShape shape_of(const analytics::AnalyticsEngine& engine) {
  const analytics::AnalyticsEngine::Stats stats = engine.stats();
  return {engine.data_version(), stats.columns_added, stats.rebuilds};
}

std::string quoted(const std::string& text) { return boost::json::serialize(boost::json::value(text)); }

}  // namespace

struct AppEngines::AppEngine {
  analytics::SqliteEventSource source;
  analytics::AnalyticsEngine engine;
  // The first build (engine.start) happens once, under start_mutex, outside
  // engines_mutex_: a build of one app (seconds on a big table) neither
  // blocks queries for other apps nor runs twice for concurrent first queries.
  std::mutex start_mutex;
  std::atomic<bool> started{false};
  // Set when removed from the map (under engines_mutex_): the follower, which
  // may still hold it, no longer appends to it.
  std::atomic<bool> dropped{false};
  // Set by forget() (under engines_mutex_, like its check in answer()): it
  // may hold an erased person's rows.
  bool erased = false;
  // Guarded by engines_mutex_: the bytes counted in the total, the shape they
  // were measured at, and the query clock's value at its last query (0: only
  // the warm-up built it).
  std::size_t bytes = 0;
  IndexShape measured;
  std::uint64_t last_query = 0;

  AppEngine(const std::string& path, const std::string& app_id, analytics::AnalyticsEngine::Options options)
      : source(path, app_id), engine(source, options) {}
};

AppEngines::AppEngines(std::string database_path) : AppEngines(std::move(database_path), Options{}) {}

AppEngines::AppEngines(std::string database_path, Options options)
    : path_(std::move(database_path)),
      options_(options.engine),
      answered_(std::move(options.answered)),
      budget_(options.memory_budget_bytes),
      metrics_(options.metrics ? *options.metrics : private_metrics_),
      bytes_gauge_(metrics_.gauge("cairn_analytics_index_bytes", "Bytes held by the in-memory analytics indexes")),
      engines_gauge_(metrics_.gauge("cairn_analytics_engines", "Apps whose analytics index is in memory")),
      dropped_counter_(metrics_.counter("cairn_analytics_engines_dropped_total",
                                        "Analytics indexes dropped to stay within --analytics-memory-mb")) {
  metrics_.gauge("cairn_analytics_memory_budget_bytes", "The analytics indexes' memory budget (--analytics-memory-mb)")
      .set(static_cast<std::int64_t>(std::min<std::size_t>(budget_, std::numeric_limits<std::int64_t>::max())));
}

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

std::shared_ptr<AppEngines::AppEngine> AppEngines::acquire(const std::string& app_id, bool query,
                                                           std::string* error) {
  // Read before the engine is found or built, so the engine is brought at
  // least to every commit acknowledged before this call.
  const std::int64_t through = following_ ? committed_id_.load() : latest_event_id(path_);
  std::shared_ptr<AppEngine> app;
  {
    std::lock_guard lock(engines_mutex_);
    std::shared_ptr<AppEngine>& slot = engines_[app_id];
    if (!slot) {
      slot = std::make_shared<AppEngine>(path_, app_id, options_);
      publish_usage_locked();
    }
    if (query) slot->last_query = ++query_clock_;
    app = slot;
  }
  if (!app->started) {
    std::lock_guard start_lock(app->start_mutex);
    if (!app->started) {
      if (!app->engine.start(error)) {
        // Forget the failed engine: the next query starts a fresh one.
        std::lock_guard lock(engines_mutex_);
        auto it = engines_.find(app_id);
        if (it != engines_.end() && it->second == app) remove_locked(it);
        return nullptr;
      }
      app->started = true;
    }
  }
  if (!app->engine.catch_up(static_cast<std::uint64_t>(through), error)) return nullptr;
  measure(app);
  return app;
}

std::shared_ptr<analytics::AnalyticsEngine> AppEngines::current(const std::string& app_id, std::string* error) {
  std::shared_ptr<AppEngine> app = acquire(app_id, true, error);
  if (!app) return nullptr;
  fit_budget();
  return std::shared_ptr<analytics::AnalyticsEngine>(app, &app->engine);
}

void AppEngines::forget(const std::string& app_id) {
  std::lock_guard lock(engines_mutex_);
  // Marked dropped like a budget drop, so the follower stops appending to it
  // and its bytes leave the total; not counted as a budget drop.
  if (auto it = engines_.find(app_id); it != engines_.end()) {
    it->second->erased = true;
    remove_locked(it);
  }
}

bool AppEngines::warm(const std::string& app_id, std::string* error) {
  std::shared_ptr<AppEngine> app = acquire(app_id, false, error);
  if (!app) return false;
  std::lock_guard lock(engines_mutex_);
  if (total_bytes_ >= budget_) warm_up_full_ = true;
  auto it = engines_.find(app_id);
  // Ours and the map's references only, never queried: nobody asked for it.
  if (total_bytes_ > budget_ && it != engines_.end() && it->second == app && app.use_count() == 2 &&
      app->last_query == 0) {
    *error = "its index (" + std::to_string(app->bytes) + " bytes) does not fit in the analytics memory budget (" +
             std::to_string(budget_) + " bytes, " + std::to_string(total_bytes_ - app->bytes) +
             " taken); dropped again";
    remove_locked(it);
    dropped_counter_.increment();
    return false;
  }
  return true;
}

bool AppEngines::warm_up_full() {
  std::lock_guard lock(engines_mutex_);
  return warm_up_full_ || total_bytes_ >= budget_;
}

AppEngines::Usage AppEngines::usage() {
  std::lock_guard lock(engines_mutex_);
  return {total_bytes_, engines_.size(), dropped_counter_.value()};
}

void AppEngines::measure(const std::shared_ptr<AppEngine>& app) {
  // The shape first: a change after it is seen by the next measure().
  const IndexShape shape = shape_of(app->engine);
  {
    std::lock_guard lock(engines_mutex_);
    if (app->dropped || !shape.grew_since(app->measured)) return;
  }
  const std::size_t bytes = app->engine.index_memory_bytes();
  std::lock_guard lock(engines_mutex_);
  if (app->dropped) return;
  // A measurement racing another may land last with an older shape; the
  // next growth is then measured a little earlier, nothing is lost.
  total_bytes_ = total_bytes_ - app->bytes + bytes;
  app->bytes = bytes;
  app->measured = shape;
  publish_usage_locked();
}

void AppEngines::fit_budget() {
  std::vector<std::pair<std::string, std::size_t>> dropped;
  std::size_t total = 0;
  {
    std::lock_guard lock(engines_mutex_);
    dropped = fit_budget_locked();
    total = total_bytes_;
  }
  for (const auto& [id, bytes] : dropped) {
    http::log_line(http::LogLevel::info, "analytics index dropped for the memory budget; its next query rebuilds it",
                   "\"app_id\":" + quoted(id) + ",\"bytes\":" + std::to_string(bytes) +
                       ",\"total_bytes\":" + std::to_string(total) + ",\"budget_bytes\":" + std::to_string(budget_));
  }
}

std::vector<std::pair<std::string, std::size_t>> AppEngines::fit_budget_locked() {
  std::vector<std::pair<std::string, std::size_t>> dropped;
  while (total_bytes_ > budget_) {
    auto victim = engines_.end();
    for (auto it = engines_.begin(); it != engines_.end(); ++it) {
      const AppEngine& app = *it->second;
      // Held by a query, a build or the follower: freeing it would not
      // free its memory, and a second copy would be built beside it.
      if (it->second.use_count() != 1 || !app.started) continue;
      // The app being looked at right now: dropping it would make each of
      // its queries a full build.
      if (app.last_query != 0 && app.last_query == query_clock_) continue;
      if (victim == engines_.end()) {
        victim = it;
        continue;
      }
      const AppEngine& best = *victim->second;
      const bool oversized = app.bytes > budget_, best_oversized = best.bytes > budget_;
      if (oversized != best_oversized ? oversized : app.last_query < best.last_query) victim = it;
    }
    if (victim == engines_.end()) break;
    dropped.emplace_back(victim->first, victim->second->bytes);
    remove_locked(victim);
    dropped_counter_.increment();
  }
  return dropped;
}

void AppEngines::remove_locked(EngineMap::iterator it) {
  it->second->dropped = true;
  total_bytes_ -= it->second->bytes;
  engines_.erase(it);
  publish_usage_locked();
}

void AppEngines::publish_usage_locked() {
  bytes_gauge_.set(static_cast<std::int64_t>(total_bytes_));
  engines_gauge_.set(static_cast<std::int64_t>(engines_.size()));
}

template <class Result, class Query>
std::optional<Result> AppEngines::answer(const std::string& app_id, const Query& query, BackendError* error,
                                         std::optional<Result> (analytics::AnalyticsEngine::*ask)(const Query&,
                                                                                                  std::string*)) {
  for (int attempt = 1;; ++attempt) {
    std::shared_ptr<AppEngine> app = acquire(app_id, true, &error->message);
    if (!app) return std::nullopt;
    std::optional<Result> result = ((app->engine).*ask)(query, &error->message);
    // The query may have added columns. Still held, so this app stays.
    measure(app);
    fit_budget();
    if (answered_) answered_(app_id);
    {
      std::lock_guard lock(engines_mutex_);
      if (!app->erased) return result;
    }
    // An erasure forgot the engine while it answered: ask one built after it.
    if (attempt == kErasedAnswerAttempts) {
      *error = {503, "erasure_in_progress",
                "people of this app were being erased while the query ran; repeat the query"};
      return std::nullopt;
    }
  }
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
    // Weak references: the follower holds one engine at a time, so it keeps
    // no other from being dropped for the budget while it works.
    std::vector<std::weak_ptr<AppEngine>> apps;
    {
      std::lock_guard lock(engines_mutex_);
      // An engine still in its first build is brought current by the query
      // that waits for it.
      for (const auto& [id, app] : engines_) {
        if (app->started) apps.push_back(app);
      }
    }
    for (const std::weak_ptr<AppEngine>& weak : apps) {
      // Dropped since (and freed, or removed from the map): no query reaches
      // it any more, so it gets no rows; the app's next query rebuilds it.
      std::shared_ptr<AppEngine> app = weak.lock();
      if (!app || app->dropped) continue;
      // A failure here is not lost: the next query catches up again and
      // reports it.
      std::string ignored;
      app->engine.catch_up(static_cast<std::uint64_t>(through), &ignored);
      measure(app);
    }
    fit_budget();
    followed = through;
  }
}

}  // namespace cairn::analytics_api
