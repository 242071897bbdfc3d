#include "analytics_api/warm_up.h"

#include "http/server.h"

#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include <chrono>
#include <memory>
#include <unordered_set>

namespace cairn::analytics_api {

namespace {

// The log fields for one build, JSON-escaped.
std::string fields(const std::string& what, const std::string& app_id) {
  return "\"part\":" + boost::json::serialize(boost::json::value(what)) +
         ",\"app_id\":" + boost::json::serialize(boost::json::value(app_id));
}

// The builds still to do, one job at a time: only one warm-up job ever waits
// in the pool's queue, so the warm-up neither fills the queue (queries would
// be refused) nor takes more than one query thread.
struct WarmUpChain : std::enable_shared_from_this<WarmUpChain> {
  http::WorkPool& pool;
  metrics::Gauge& pending;
  std::vector<Warmer> warmers;
  std::vector<std::string> app_ids;
  std::size_t next = 0;  // Index into warmers x app_ids; touched by one job at a time.

  WarmUpChain(http::WorkPool& p, metrics::Gauge& g, std::vector<Warmer> w, std::vector<std::string> a)
      : pool(p), pending(g), warmers(std::move(w)), app_ids(std::move(a)) {}

  std::size_t total() const { return warmers.size() * app_ids.size(); }

  void queue_next() {
    if (next >= total()) return;
    // Refused while queued (the collector stopping): nothing is left pending.
    if (!pool.submit([self = shared_from_this()] { self->run_one(); },
                     [self = shared_from_this()] { self->pending.set(0); })) {
      // The queue is full of queries, or the collector is stopping: the
      // first query builds whatever is left.
      http::log_line(http::LogLevel::info, "warm-up stopped; first queries build the rest",
                     "\"left\":" + std::to_string(total() - next));
      pending.set(0);
    }
  }

  // Skips this part's apps from `next` on, all pending.
  void skip_rest_of_part(const std::string& what) {
    const std::size_t part_end = (next / app_ids.size() + 1) * app_ids.size();
    const std::size_t left = part_end - next;
    http::log_line(http::LogLevel::info, "warm-up stopped at the memory budget; first queries build the rest",
                   "\"part\":" + boost::json::serialize(boost::json::value(what)) +
                       ",\"left\":" + std::to_string(left));
    pending.add(-static_cast<std::int64_t>(left));
    next = part_end;
  }

  void run_one() {
    // Analytics for every app first, then the catalogs: the dashboard's
    // queries need the analytics index most.
    const Warmer& warmer = warmers[next / app_ids.size()];
    const std::string& app_id = app_ids[next % app_ids.size()];
    if (!pool.draining() && warmer.full && warmer.full()) {
      skip_rest_of_part(warmer.what);
      queue_next();
      return;
    }
    ++next;
    if (!pool.draining()) {
      const auto started = std::chrono::steady_clock::now();
      std::string error;
      if (warmer.build(app_id, &error)) {
        const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                            std::chrono::steady_clock::now() - started)
                            .count();
        http::log_line(http::LogLevel::info, "warmed up",
                       fields(warmer.what, app_id) + ",\"ms\":" + std::to_string(ms));
      } else {
        http::log_line(http::LogLevel::warn, "warm-up failed; the first query builds instead",
                       fields(warmer.what, app_id) +
                           ",\"error\":" + boost::json::serialize(boost::json::value(error)));
      }
    }
    pending.add(-1);
    queue_next();
  }
};

}  // namespace

std::vector<std::string> warm_up_order(const std::vector<std::string>& app_ids,
                                       const std::vector<std::string>& most_recent_first) {
  std::vector<std::string> order;
  order.reserve(app_ids.size());
  const std::unordered_set<std::string> known(app_ids.begin(), app_ids.end());
  std::unordered_set<std::string> taken;
  for (const std::string& id : most_recent_first) {
    if (known.count(id) && taken.insert(id).second) order.push_back(id);
  }
  for (const std::string& id : app_ids) {
    if (taken.insert(id).second) order.push_back(id);
  }
  return order;
}

void start_warm_up(http::WorkPool& pool, const std::vector<std::string>& app_ids,
                   std::vector<Warmer> warmers, metrics::Registry& registry) {
  metrics::Gauge& pending =
      registry.gauge("cairn_warmup_pending", "Start-up index and catalog builds not finished yet");
  auto chain = std::make_shared<WarmUpChain>(pool, pending, std::move(warmers), app_ids);
  pending.set(static_cast<std::int64_t>(chain->total()));
  chain->queue_next();
}

}  // namespace cairn::analytics_api
