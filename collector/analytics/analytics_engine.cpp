#include "analytics/analytics_engine.h"

#include "analytics/column_read.h"
#include "analytics/funnel_engine.h"
#include "analytics/funnel_json.h"

#include <boost/json/serialize.hpp>

#include <algorithm>
#include <chrono>
#include <limits>

namespace cairn::analytics {

namespace {

using Clock = std::chrono::steady_clock;

std::uint64_t microseconds_since(Clock::time_point start) {
  return static_cast<std::uint64_t>(std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - start).count());
}

std::string key_of(const GuideQuery& q) {
  std::string key = "guides|" + q.guide_id.value_or("*") + "|" + std::to_string(q.from_ms.value_or(-1)) + "|" +
                    std::to_string(q.to_ms.value_or(-1)) + "|" + std::to_string(q.goal_window_ms) + "|";
  if (q.goal) {
    FunnelQuery wrapper;
    wrapper.steps = {*q.goal};
    key += boost::json::serialize(write_funnel_query(wrapper));
  }
  return key;
}

std::string key_of(const StuckQuery& q) {
  return "stuck|" + std::to_string(q.from_ms.value_or(-1)) + "|" + std::to_string(q.to_ms.value_or(-1)) + "|" +
         std::to_string(q.limit);
}

std::string key_of(const TrendQuery& q) {
  FunnelQuery wrapper;
  wrapper.steps = q.series;
  std::string key = "trends|" + std::to_string(static_cast<int>(q.interval)) + "|" + std::to_string(q.from_ms) + "|" +
                    std::to_string(q.to_ms) + "|" +
                    std::to_string(q.utc_offset_minutes.value_or(0)) + "|";
  // The days themselves: two zones (or two years) with the same offset
  // today cut the same range differently.
  for (std::int64_t start : q.day_starts_ms) key += std::to_string(start) + ",";
  key += "|";
  // Likewise the hours: where the zone's offset changes, and to what.
  for (const TrendQuery::OffsetChange& c : q.utc_offset_changes) {
    key += std::to_string(c.at_ms) + ":" + std::to_string(c.utc_offset_minutes) + ",";
  }
  return key + "|" + boost::json::serialize(write_funnel_query(wrapper));
}

// True when the index's rows can be matched to the source's by sequence: no
// row appended without one (a source that sets none, e.g. the generator, or
// append() of rows not from the store), and no more rows than uint32 arrival
// positions count. REQUIRES: a lock on the index.
bool matchable_by_sequence(const EventIndex& index) {
  return index.unsequenced_count() == 0 && index.event_count() <= std::numeric_limits<std::uint32_t>::max();
}

}  // namespace

AnalyticsEngine::AnalyticsEngine(EventSource& source, Options options)
    : source_(source), options_(options), index_(std::make_unique<EventIndex>()) {}

bool AnalyticsEngine::start(std::string* error) {
  std::lock_guard columns_lock(columns_mutex_);
  std::lock_guard catch_up_lock(catch_up_mutex_);
  std::unique_lock lock(index_mutex_);
  return rebuild_locked(stuck_report_property_keys(), error);
}

bool AnalyticsEngine::rebuild_locked(std::vector<std::string> keys, std::string* error) {
  for (const std::string& k : index_->property_keys()) {
    if (std::find(keys.begin(), keys.end(), k) == keys.end()) keys.push_back(k);
  }
  auto fresh = std::make_unique<EventIndex>(keys);
  const bool ok = fresh->load(source_, error);
  fresh->shrink_to_fit();
  index_ = std::move(fresh);
  // Versions count appended events, so a rebuilt index may repeat an old
  // version with other columns: drop every cached result.
  clear_cache();
  std::lock_guard cache_lock(cache_mutex_);
  ++stats_.rebuilds;
  return ok;
}

void AnalyticsEngine::clear_cache() {
  std::lock_guard cache_lock(cache_mutex_);
  lru_.clear();
  cache_.clear();
}

void AnalyticsEngine::append(const EventRow& row) {
  std::unique_lock lock(index_mutex_);
  index_->append(row);
}

bool AnalyticsEngine::catch_up(std::uint64_t through_sequence, std::string* error) {
  // Already there (the usual case for a query): no need to wait for another
  // catch-up or a column being attached.
  if (through_sequence <= caught_up_through_.load()) return true;
  std::lock_guard catch_up_lock(catch_up_mutex_);
  if (through_sequence <= caught_up_through_.load()) return true;
  std::uint64_t after;
  std::vector<std::string> keys;
  {
    std::shared_lock lock(index_mutex_);
    after = index_->max_sequence();
    keys = index_->property_keys();
  }
  std::uint64_t added = 0;
  bool ok = true;
  if (after < through_sequence) {
    // Appends in chunks so a long catch-up (many commits at once) holds the
    // write lock briefly and buffers a bounded number of rows.
    constexpr std::size_t kChunkRows = 4096;
    std::vector<EventRow> chunk;
    auto flush = [&] {
      std::unique_lock lock(index_mutex_);
      for (const EventRow& row : chunk) added += index_->append(row) ? 1 : 0;
      chunk.clear();
    };
    ok = source_.scan_after(
        after, keys,
        [&](const EventRow& row) {
          chunk.push_back(row);
          if (chunk.size() == kChunkRows) flush();
        },
        error);
    flush();
  }
  if (ok) caught_up_through_.store(through_sequence);
  if (added > 0) {
    // Results are keyed by version, so stale ones could never be hit again;
    // dropping them frees their memory now.
    clear_cache();
    std::lock_guard cache_lock(cache_mutex_);
    stats_.caught_up_events += added;
  }
  return ok;
}

bool AnalyticsEngine::ensure_columns(const std::vector<std::string>& keys, std::string* error) {
  auto missing_keys = [&] {
    std::vector<std::string> missing;
    for (const std::string& k : keys) {
      if (!index_->property_column(k) && std::find(missing.begin(), missing.end(), k) == missing.end()) {
        missing.push_back(k);
      }
    }
    return missing;
  };
  {
    std::shared_lock lock(index_mutex_);
    if (missing_keys().empty()) return true;
  }
  std::lock_guard columns_lock(columns_mutex_);
  std::vector<std::string> missing;
  {
    std::shared_lock lock(index_mutex_);
    missing = missing_keys();
  }
  if (missing.empty()) return true;  // Another query added them while this one waited.
  if (options_.rebuild_for_new_columns) return rebuild(keys, error);
  return add_columns(keys, std::move(missing), error);
}

bool AnalyticsEngine::add_columns(const std::vector<std::string>& keys, std::vector<std::string> missing,
                                  std::string* error) {
  // The highest sequence the index holds, read under the shared lock.
  auto indexed_through = [this] {
    std::shared_lock lock(index_mutex_);
    return index_->max_sequence();
  };
  std::uint64_t through = 0;
  {
    std::shared_lock lock(index_mutex_);
    if (!matchable_by_sequence(*index_)) {
      lock.unlock();
      return rebuild(keys, error);
    }
    through = index_->max_sequence();
  }
  // The long part, with no index lock and no catch-up mutex: queries,
  // append() and catch-ups go on.
  ColumnRead read(missing);
  if (!read.read(source_, 0, through, error)) return false;
  // The rows catch-ups appended meanwhile, still unlocked: each pass reads
  // what arrived during the one before, so the last one, under the catch-up
  // mutex, has little left.
  constexpr int kUnlockedPasses = 3;
  for (int pass = 0; pass < kUnlockedPasses; ++pass) {
    const std::uint64_t now = indexed_through();
    if (now == through) break;
    if (!read.read(source_, through, now, error)) return false;
    through = now;
  }
  // From here until the columns are in, no catch-up appends rows (it would
  // read them without the new columns).
  std::lock_guard catch_up_lock(catch_up_mutex_);
  const auto catch_ups_stopped = Clock::now();
  if (const std::uint64_t now = indexed_through(); now != through) {
    if (!read.read(source_, through, now, error)) return false;
    through = now;
  }
  std::uint64_t rows = 0;
  EventIndex::LaidOutColumns laid_out;
  {
    std::shared_lock lock(index_mutex_);  // Readers go on; only writers wait.
    rows = index_->event_count();
    // The index skipped a stored row (an append() that overtook another) or
    // took one without a sequence: positions do not match the source's; a
    // rebuild makes them consistent.
    if (!matchable_by_sequence(*index_) || read.rows() != rows) {
      lock.unlock();
      return rebuild_caught_up(keys, error);
    }
    laid_out = index_->lay_out_columns(read.ids_by_arrival());
  }
  std::unique_lock lock(index_mutex_);
  const auto locked = Clock::now();
  if (index_->event_count() != rows || laid_out.size() != index_->user_count()) {
    // append() added rows meanwhile (catch_up cannot: it needs
    // catch_up_mutex_): read just those, like catch_up, and lay out again
    // under the lock.
    if (index_->unsequenced_count() != 0) return rebuild_locked(keys, error);
    if (!read.read(source_, through, index_->max_sequence(), error)) return false;
    if (read.rows() != index_->event_count()) return rebuild_locked(keys, error);
    laid_out = index_->lay_out_columns(read.ids_by_arrival());
  }
  index_->attach_columns(std::move(missing), read.take_dictionaries(), std::move(laid_out));
  lock.unlock();
  // No cached result changes: a new column alters no existing answer, and
  // the data version stays.
  const std::uint64_t catch_ups_stopped_us = microseconds_since(catch_ups_stopped);
  note_write_lock(microseconds_since(locked));
  std::lock_guard cache_lock(cache_mutex_);
  stats_.columns_added += read.keys().size();
  stats_.longest_column_catch_up_hold_us = std::max(stats_.longest_column_catch_up_hold_us, catch_ups_stopped_us);
  return true;
}

bool AnalyticsEngine::rebuild(const std::vector<std::string>& keys, std::string* error) {
  std::lock_guard catch_up_lock(catch_up_mutex_);
  return rebuild_caught_up(keys, error);
}

bool AnalyticsEngine::rebuild_caught_up(const std::vector<std::string>& keys, std::string* error) {
  std::unique_lock lock(index_mutex_);
  const auto locked = Clock::now();
  const bool ok = rebuild_locked(keys, error);
  lock.unlock();
  note_write_lock(microseconds_since(locked));
  return ok;
}

void AnalyticsEngine::note_write_lock(std::uint64_t microseconds) {
  std::lock_guard cache_lock(cache_mutex_);
  stats_.longest_column_write_lock_us = std::max(stats_.longest_column_write_lock_us, microseconds);
}

std::optional<AnalyticsEngine::Result> AnalyticsEngine::cached(const std::string& key, std::uint64_t version) {
  std::lock_guard lock(cache_mutex_);
  const std::string full = key + "@" + std::to_string(version);
  auto it = cache_.find(full);
  if (it == cache_.end()) {
    ++stats_.cache_misses;
    return std::nullopt;
  }
  ++stats_.cache_hits;
  lru_.splice(lru_.begin(), lru_, it->second);
  return it->second->second;
}

void AnalyticsEngine::remember(const std::string& key, const Result& result) {
  if (options_.cache_entries == 0) return;
  std::lock_guard lock(cache_mutex_);
  if (cache_.count(key)) return;
  lru_.emplace_front(key, result);
  cache_[key] = lru_.begin();
  while (lru_.size() > options_.cache_entries) {
    cache_.erase(lru_.back().first);
    lru_.pop_back();
  }
}

std::optional<FunnelResult> AnalyticsEngine::funnel(const FunnelQuery& query, std::string* error) {
  if (!ensure_columns(funnel_property_keys(query), error)) return std::nullopt;
  const std::string key = "funnel|" + boost::json::serialize(write_funnel_query(query));
  std::shared_lock lock(index_mutex_);
  if (auto hit = cached(key, index_->version())) return std::get<FunnelResult>(*hit);
  std::optional<FunnelResult> r = run_funnel(*index_, query, ParallelOptions{options_.threads}, error);
  if (r) remember(key + "@" + std::to_string(r->data_version), *r);
  return r;
}

std::optional<GuideReport> AnalyticsEngine::guides(const GuideQuery& query, std::string* error) {
  if (!ensure_columns(guide_report_property_keys(query), error)) return std::nullopt;
  const std::string key = key_of(query);
  std::shared_lock lock(index_mutex_);
  if (auto hit = cached(key, index_->version())) return std::get<GuideReport>(*hit);
  std::optional<GuideReport> r = run_guide_report(*index_, query, error, ParallelOptions{options_.threads});
  if (r) remember(key + "@" + std::to_string(r->data_version), *r);
  return r;
}

std::optional<StuckReport> AnalyticsEngine::stuck(const StuckQuery& query, std::string* error) {
  if (!ensure_columns(stuck_report_property_keys(), error)) return std::nullopt;
  const std::string key = key_of(query);
  std::shared_lock lock(index_mutex_);
  if (auto hit = cached(key, index_->version())) return std::get<StuckReport>(*hit);
  std::optional<StuckReport> r = run_stuck_report(*index_, query, error, ParallelOptions{options_.threads});
  if (r) remember(key + "@" + std::to_string(r->data_version), *r);
  return r;
}

std::optional<TrendReport> AnalyticsEngine::trends(const TrendQuery& query, std::string* error) {
  if (!ensure_columns(trend_property_keys(query), error)) return std::nullopt;
  const std::string key = key_of(query);
  std::shared_lock lock(index_mutex_);
  if (auto hit = cached(key, index_->version())) return std::get<TrendReport>(*hit);
  std::optional<TrendReport> r = run_trend_report(*index_, query, error, ParallelOptions{options_.threads});
  if (r) remember(key + "@" + std::to_string(r->data_version), *r);
  return r;
}

std::uint64_t AnalyticsEngine::data_version() const {
  std::shared_lock lock(index_mutex_);
  return index_->version();
}

AnalyticsEngine::Stats AnalyticsEngine::stats() const {
  std::lock_guard lock(cache_mutex_);
  return stats_;
}

std::size_t AnalyticsEngine::index_memory_bytes() const {
  std::shared_lock lock(index_mutex_);
  return index_->memory_bytes();
}

}  // namespace cairn::analytics
