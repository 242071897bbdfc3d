#include "analytics/analytics_engine.h"

#include "analytics/funnel_engine.h"
#include "analytics/funnel_json.h"

#include <boost/json/serialize.hpp>

#include <algorithm>

namespace cairn::analytics {

namespace {

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
  return "trends|" + std::to_string(static_cast<int>(q.interval)) + "|" + std::to_string(q.from_ms) + "|" +
         std::to_string(q.to_ms) + "|" + std::to_string(q.utc_offset_minutes) + "|" +
         boost::json::serialize(write_funnel_query(wrapper));
}

}  // namespace

AnalyticsEngine::AnalyticsEngine(EventSource& source, Options options)
    : source_(source), options_(options), index_(std::make_unique<EventIndex>()) {}

bool AnalyticsEngine::start(std::string* error) {
  std::lock_guard source_lock(source_mutex_);
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
  std::lock_guard source_lock(source_mutex_);
  if (through_sequence <= caught_up_through_) return true;
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
  if (ok) caught_up_through_ = through_sequence;
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
  {
    std::shared_lock lock(index_mutex_);
    if (std::all_of(keys.begin(), keys.end(), [&](const std::string& k) { return index_->property_column(k); })) {
      return true;
    }
  }
  std::lock_guard source_lock(source_mutex_);
  std::unique_lock lock(index_mutex_);
  if (std::all_of(keys.begin(), keys.end(), [&](const std::string& k) { return index_->property_column(k); })) {
    return true;
  }
  return rebuild_locked(keys, error);
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
