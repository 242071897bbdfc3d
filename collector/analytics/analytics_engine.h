// AnalyticsEngine: one app's analytics, ready for the HTTP layer. It owns the
// EventIndex built from the app's EventSource, keeps it current through
// catch_up() (only the rows stored since the last one) or append(), adds
// property columns on demand when a query filters or breaks down on a
// property without a column (reading only that property from the source and
// attaching it, no rebuild), evaluates funnels on all hardware threads, and
// caches results keyed by the query's canonical JSON and the index's data version.
//
// Threading: every method is thread-safe. Queries share a read lock; append()
// and rebuilds take the write lock. catch_up() and column additions read the
// source without the index lock (queries go on) and take the write lock only
// to append in chunks / to attach the finished columns. Three mutexes, taken
// in this order: columns_mutex_ serialises column additions and rebuilds (a
// column's long source read holds only it), catch_up_mutex_ serialises
// catch-ups with rebuilds and with the short end of a column addition (the
// rows read since its read began, the lay-out and the attach), then
// index_mutex_. So a catch-up with new rows waits for a column addition's end,
// never for its read of the app's rows.
#pragma once

#include "analytics/event_index.h"
#include "analytics/funnel_query.h"
#include "analytics/guide_report.h"
#include "analytics/stuck_report.h"
#include "analytics/trend_report.h"

#include <atomic>
#include <cstddef>
#include <list>
#include <memory>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <string>
#include <unordered_map>
#include <variant>
#include <vector>

namespace cairn::analytics {

class AnalyticsEngine {
 public:
  struct Options {
    std::size_t threads = 0;         // Funnel threads; 0 = hardware threads.
    std::size_t cache_entries = 64;  // Results kept (least recently used evicted).
    // Add missing columns by rebuilding the whole index under the write lock
    // (the behaviour before columns were attached), for the benchmark's
    // comparison and as the reference in tests.
    bool rebuild_for_new_columns = false;
  };
  struct Stats {
    std::uint64_t cache_hits = 0, cache_misses = 0, rebuilds = 0;
    std::uint64_t caught_up_events = 0;  // Rows added by catch_up().
    std::uint64_t columns_added = 0;     // Columns attached without a rebuild.
    // The longest time a column addition or rebuild held the write lock.
    std::uint64_t longest_column_write_lock_us = 0;
    // The longest time a column addition held the catch-up mutex (its end:
    // the rows read since its read began, the lay-out, the attach), what a
    // catch-up with new rows may wait for it.
    std::uint64_t longest_column_catch_up_hold_us = 0;
  };

  // `source` must outlive the engine.
  AnalyticsEngine(EventSource& source, Options options);

  // Builds the index with the columns every report needs. Returns false with
  // `*error` when the source fails (the engine then answers from what it read).
  bool start(std::string* error);

  // Adds one event stored after start(); the caller appends in storage order
  // and sets row.sequence to the store's rowid, so an event that a rebuild
  // already read is not counted twice.
  void append(const EventRow& row);

  // Brings the index up to the source's row `through_sequence`: reads only
  // the rows stored after the highest sequence the index holds
  // (EventSource::scan_after) and appends them, dropping cached results when
  // anything was added. A no-op when the index already reached
  // `through_sequence`. After it returns true, every query counts every
  // event the source had stored up to `through_sequence`. Returns false with
  // `*error` when the source fails (rows read before the failure stay).
  bool catch_up(std::uint64_t through_sequence, std::string* error);

  // Each query: nullopt with `*error` on a source failure during a rebuild or
  // an index problem. REQUIRES: the query passed its validate_* function.
  std::optional<FunnelResult> funnel(const FunnelQuery& query, std::string* error);
  std::optional<GuideReport> guides(const GuideQuery& query, std::string* error);
  std::optional<StuckReport> stuck(const StuckQuery& query, std::string* error);
  std::optional<TrendReport> trends(const TrendQuery& query, std::string* error);

  std::uint64_t data_version() const;
  Stats stats() const;
  std::size_t index_memory_bytes() const;

 private:
  using Result = std::variant<FunnelResult, GuideReport, StuckReport, TrendReport>;

  // Makes sure the index has columns for `keys` (adding the missing ones).
  bool ensure_columns(const std::vector<std::string>& keys, std::string* error);
  // REQUIRES: columns_mutex_ held, no other. Reads `missing` for the rows
  // the index holds, then those catch-ups added meanwhile, and attaches them
  // holding catch_up_mutex_ (so no catch-up appends rows read without the new
  // columns); falls back to a rebuild when the index's rows cannot be matched
  // to the source's by sequence.
  bool add_columns(const std::vector<std::string>& keys, std::vector<std::string> missing, std::string* error);
  // REQUIRES: columns_mutex_ held, no other; takes catch_up_mutex_, then as
  // rebuild_caught_up().
  bool rebuild(const std::vector<std::string>& keys, std::string* error);
  // REQUIRES: columns_mutex_ and catch_up_mutex_ held, no index lock; takes
  // the write lock.
  bool rebuild_caught_up(const std::vector<std::string>& keys, std::string* error);
  // REQUIRES: the three mutexes held, the index one exclusively.
  bool rebuild_locked(std::vector<std::string> keys, std::string* error);
  void note_write_lock(std::uint64_t microseconds);
  std::optional<Result> cached(const std::string& key, std::uint64_t version);
  void remember(const std::string& key, const Result& result);
  void clear_cache();

  EventSource& source_;
  Options options_;
  // Serialises column additions and rebuilds. Taken first.
  std::mutex columns_mutex_;
  // Serialises catch-ups with each other, with rebuilds and with attaching
  // columns: a catch-up reads its rows with the keys the index has when it
  // starts, so no column may be attached until its last chunk is in. Taken
  // after columns_mutex_, before index_mutex_.
  std::mutex catch_up_mutex_;
  // The source row catch_up() last brought the index to. Written under
  // catch_up_mutex_; read without it too, so that a query whose rows are
  // already indexed does not wait for a catch-up in progress.
  std::atomic<std::uint64_t> caught_up_through_{0};
  mutable std::shared_mutex index_mutex_;
  std::unique_ptr<EventIndex> index_;

  mutable std::mutex cache_mutex_;
  std::list<std::pair<std::string, Result>> lru_;  // Front = most recent.
  std::unordered_map<std::string, std::list<std::pair<std::string, Result>>::iterator> cache_;
  Stats stats_;
};

}  // namespace cairn::analytics
