// AnalyticsEngine::catch_up: an index that follows the store by appending
// only the new rows answers exactly like one rebuilt from scratch, reads only
// the new rows, and stays consistent while queries run during appends.
#include "analytics/analytics_engine.h"
#include "analytics/event_generator.h"
#include "analytics/funnel_json.h"
#include "analytics/report_json.h"

#include <boost/json/serialize.hpp>
#include <catch2/catch.hpp>

#include <algorithm>
#include <atomic>
#include <mutex>
#include <random>
#include <thread>

namespace cairn::analytics {
namespace {

// A store stand-in that grows while the engine reads it, counting what it
// delivers, so a test can tell a catch-up from a rescan.
class GrowingSource final : public EventSource {
 public:
  void add(std::vector<EventRow> rows) {
    std::lock_guard lock(mutex_);
    for (EventRow& r : rows) rows_.push_back(std::move(r));
  }
  bool scan(const std::vector<std::string>& keys, const std::function<void(const EventRow&)>& sink,
            std::string* error) override {
    ++full_scans;
    return scan_after(0, keys, sink, error);
  }
  bool scan_after(std::uint64_t after, const std::vector<std::string>&,
                  const std::function<void(const EventRow&)>& sink, std::string*) override {
    std::vector<EventRow> snapshot;  // Like a read transaction; the sink runs unlocked.
    {
      std::lock_guard lock(mutex_);
      for (const EventRow& r : rows_) {
        if (r.sequence > after) snapshot.push_back(r);
      }
    }
    for (const EventRow& r : snapshot) {
      ++rows_delivered;
      sink(r);
    }
    return true;
  }
  std::atomic<int> full_scans{0};
  std::atomic<std::uint64_t> rows_delivered{0};

 private:
  std::mutex mutex_;
  std::vector<EventRow> rows_;
};

// Generated product, guide and frustration events, arrival order
// shuffled within windows (late events land inside timelines), sequences
// 1..n in arrival order.
std::vector<EventRow> make_rows() {
  GeneratorOptions options;
  options.seed = 11;
  options.users = 150;
  options.events = 9000;
  options.equal_time_chance = 0.15;
  options.guide_and_frustration_events = true;
  GeneratedEventSource generated(options);
  std::vector<EventRow> rows;
  std::string error;
  REQUIRE(generated.scan({}, [&](const EventRow& r) { rows.push_back(r); }, &error));
  std::mt19937 rng(5);
  for (std::size_t start = 0; start < rows.size(); start += 400) {
    std::shuffle(rows.begin() + static_cast<std::ptrdiff_t>(start),
                 rows.begin() + static_cast<std::ptrdiff_t>(std::min(rows.size(), start + 400)), rng);
  }
  for (std::size_t i = 0; i < rows.size(); ++i) rows[i].sequence = i + 1;
  return rows;
}

std::vector<FunnelQuery> funnel_queries() {
  const std::vector<std::string>& names = generated_funnel_names();
  std::vector<FunnelQuery> out;
  for (FunnelOrder order : {FunnelOrder::ordered, FunnelOrder::strict, FunnelOrder::any}) {
    FunnelQuery q;
    for (const std::string& n : names) q.steps.push_back(EventCondition{n, {}});
    q.window_ms = 6 * 3600 * 1000;
    q.order = order;
    q.breakdown = FunnelBreakdown{"plan", 5};
    out.push_back(q);
  }
  out[0].dropped_at_step = 1;
  out[0].dropped_limit = 50;
  return out;
}

// Every report the engine answers, as JSON text, so two engines compare in
// one CHECK per report.
std::vector<std::string> all_answers(AnalyticsEngine& engine) {
  std::vector<std::string> out;
  std::string error;
  for (const FunnelQuery& q : funnel_queries()) {
    auto r = engine.funnel(q, &error);
    REQUIRE(r);
    out.push_back(boost::json::serialize(write_funnel_result(*r, q)));
  }
  GuideQuery gq;
  gq.goal = EventCondition{"checkout_completed", {}};
  auto guides = engine.guides(gq, &error);
  REQUIRE(guides);
  REQUIRE(guides->guides.size() == 2);
  out.push_back(boost::json::serialize(write_guide_report(*guides)));
  auto stuck = engine.stuck(StuckQuery{}, &error);
  REQUIRE(stuck);
  REQUIRE_FALSE(stuck->pages.empty());
  out.push_back(boost::json::serialize(write_stuck_report(*stuck)));
  TrendQuery tq{{EventCondition{"$page", {}}, EventCondition{"signup_started", {}}},
                TrendInterval::day, 1767225600000, 1767225600000 + 20LL * 86400000, 60};
  auto trend = engine.trends(tq, &error);
  REQUIRE(trend);
  out.push_back(boost::json::serialize(write_trend_report(*trend, tq)));
  return out;
}

TEST_CASE("catch_up appends only new rows and answers like a full rebuild") {
  const std::vector<EventRow> rows = make_rows();
  GrowingSource source;
  const std::size_t first = rows.size() / 3;
  source.add({rows.begin(), rows.begin() + static_cast<std::ptrdiff_t>(first)});
  AnalyticsEngine engine(source, AnalyticsEngine::Options{2, 16});
  std::string error;
  REQUIRE(engine.start(&error));
  all_answers(engine);  // Fills the cache and adds the "plan" column.
  const int scans_before = source.full_scans.load();

  // Three "commits"; each catch-up reads exactly the rows it adds.
  const std::size_t cuts[] = {first, first + 1000, rows.size() - 7, rows.size()};
  for (std::size_t c = 0; c + 1 < std::size(cuts); ++c) {
    source.add({rows.begin() + static_cast<std::ptrdiff_t>(cuts[c]),
                rows.begin() + static_cast<std::ptrdiff_t>(cuts[c + 1])});
    const std::uint64_t delivered = source.rows_delivered.load();
    REQUIRE(engine.catch_up(cuts[c + 1], &error));
    CHECK(source.rows_delivered.load() - delivered == cuts[c + 1] - cuts[c]);
    CHECK(engine.data_version() == cuts[c + 1]);
    // Caught up already: no read at all.
    REQUIRE(engine.catch_up(cuts[c + 1], &error));
    CHECK(source.rows_delivered.load() - delivered == cuts[c + 1] - cuts[c]);
  }
  CHECK(source.full_scans.load() == scans_before);
  CHECK(engine.stats().caught_up_events == rows.size() - first);

  GrowingSource whole;
  whole.add(rows);
  AnalyticsEngine rebuilt(whole, AnalyticsEngine::Options{2, 16});
  REQUIRE(rebuilt.start(&error));
  const std::vector<std::string> want = all_answers(rebuilt);
  const std::vector<std::string> got = all_answers(engine);
  REQUIRE(got.size() == want.size());
  for (std::size_t i = 0; i < want.size(); ++i) {
    INFO("answer " << i);
    CHECK(got[i] == want[i]);
  }
}

TEST_CASE("queries during catch-ups see every acknowledged row and end like a rebuild") {
  const std::vector<EventRow> rows = make_rows();
  GrowingSource source;
  AnalyticsEngine engine(source, AnalyticsEngine::Options{2, 16});
  std::string error;
  REQUIRE(engine.start(&error));
  std::atomic<std::uint64_t> acknowledged{0};
  std::atomic<bool> done{false};
  std::atomic<int> stale{0}, failed{0}, answered{0};

  // The "store": commits chunks, catches the index up, then acknowledges.
  std::thread store([&] {
    for (std::size_t at = 0; at < rows.size();) {
      const std::size_t next = std::min(rows.size(), at + 577);
      source.add({rows.begin() + static_cast<std::ptrdiff_t>(at), rows.begin() + static_cast<std::ptrdiff_t>(next)});
      std::string e;
      if (!engine.catch_up(next, &e)) ++failed;
      acknowledged = next;
      at = next;
    }
    done = true;
  });
  // Two "HTTP threads": catch up to the last acknowledged row like the
  // routes do, then query; the answer must count at least that many rows.
  auto client = [&](int which) {
    const std::vector<FunnelQuery> queries = funnel_queries();
    while (!done) {
      const std::uint64_t ack = acknowledged.load();
      std::string e;
      if (!engine.catch_up(ack, &e)) ++failed;
      std::uint64_t version = 0;
      if (which == 0) {
        auto r = engine.funnel(queries[static_cast<std::size_t>(answered.load()) % queries.size()], &e);
        if (r) version = r->data_version;
      } else {
        auto r = engine.stuck(StuckQuery{}, &e);
        if (r) version = r->data_version;
      }
      if (!e.empty()) ++failed;
      if (version < ack) ++stale;
      ++answered;
    }
  };
  std::thread a(client, 0), b(client, 1);
  store.join();
  a.join();
  b.join();
  CHECK(failed == 0);
  CHECK(stale == 0);
  CHECK(answered > 0);

  GrowingSource whole;
  whole.add(rows);
  AnalyticsEngine rebuilt(whole, AnalyticsEngine::Options{2, 16});
  REQUIRE(rebuilt.start(&error));
  CHECK(all_answers(engine) == all_answers(rebuilt));
}

}  // namespace
}  // namespace cairn::analytics
