// AnalyticsEngine::catch_up: an index that follows the store by appending
// only the new rows answers exactly like one rebuilt from scratch, reads only
// the new rows, and stays consistent while queries run during appends. And
// columns added on demand (read from the source, attached without a rebuild)
// answer like an index built with them, without blocking other queries.
#include "analytics/analytics_engine.h"
#include "analytics/event_generator.h"
#include "analytics/funnel_json.h"
#include "analytics/report_json.h"

#include <boost/json/serialize.hpp>
#include <catch2/catch.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <future>
#include <mutex>
#include <random>
#include <thread>
#include <unordered_map>

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
    std::function<void()> hook;  // One-shot: runs before the next full scan reads.
    std::swap(hook, on_full_scan);
    if (hook) hook();
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
  // Set before the engine scans (not while it does).
  std::function<void()> on_full_scan;

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
                TrendInterval::day, 1767225600000, 1767225600000 + 20LL * 86400000, 60, {}, {}};
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
  // Before each chunk it lets the clients answer once (bounded wait), so the
  // queries overlap the catch-ups even when catching up is fast: without
  // that, the store could finish before either client ran.
  std::thread store([&] {
    for (std::size_t at = 0; at < rows.size();) {
      const int answered_before = answered.load();
      for (int wait = 0; wait < 2000 && answered.load() == answered_before; ++wait) {
        std::this_thread::sleep_for(std::chrono::microseconds(100));
      }
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
    do {
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
    } while (!done);
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

// make_rows() plus what orders timelines beyond (time, arrival): identity
// links (an anonymousId's events, late ones included, merge into the userId's
// timeline by time; the identify event has the timestamp of an anonymous one; a
// second link of the same anonymousId is ignored), a "tier" property that
// changes from row to row (a value put in a wrong slot changes answers), and
// sparse sequences like rowids shared with other apps.
std::vector<EventRow> make_linked_rows() {
  const std::vector<EventRow> rows = make_rows();
  std::vector<EventRow> out;
  std::unordered_map<std::string, int> seen;  // Events per user so far.
  for (std::size_t i = 0; i < rows.size(); ++i) {
    EventRow r = rows[i];
    r.properties.emplace_back("tier", static_cast<double>((i * 7) % 5));
    const int n = ++seen[rows[i].user];
    const int u = std::stoi(rows[i].user.substr(rows[i].user.find('-') + 1));
    const bool anonymous_first = u % 3 == 0;
    // Every other event before the link is anonymous (a second device), so
    // the link merges two non-empty timelines, equal timestamps included.
    if (anonymous_first && n <= 20 && n % 2 == 1) r.user = "anon-" + std::to_string(u);
    out.push_back(r);
    if (anonymous_first && n == 20) {
      EventRow identify{rows[i].user, rows[i].time_ms, "$identify", {}, 0, "anon-" + std::to_string(u)};
      out.push_back(identify);
    }
    if (u % 9 == 4 && n == 30) {  // Links user u-1's anonymousId again: ignored.
      out.push_back(EventRow{rows[i].user, rows[i].time_ms, "$identify", {}, 0, "anon-" + std::to_string(u - 1)});
    }
  }
  for (std::size_t i = 0; i < out.size(); ++i) out[i].sequence = 3 * i + 2;
  return out;
}

// The generated funnel broken down by the row-by-row "tier" property.
FunnelQuery tier_breakdown() {
  FunnelQuery by_tier;
  for (const std::string& n : generated_funnel_names()) by_tier.steps.push_back(EventCondition{n, {}});
  by_tier.window_ms = 6 * 3600 * 1000;
  by_tier.breakdown = FunnelBreakdown{"tier", 5};
  by_tier.dropped_at_step = 1;
  by_tier.dropped_limit = 40;
  return by_tier;
}

// Queries on properties the engine starts without ("tier", "count", "plan"):
// breakdowns, step filters, a trend and a guide goal with filters. The first
// answer is tier_breakdown()'s.
std::vector<std::string> property_answers(AnalyticsEngine& engine) {
  std::vector<std::string> out;
  std::string error;
  const FunnelQuery by_tier = tier_breakdown();
  FunnelQuery filtered;
  filtered.steps = {EventCondition{"$page", {PropertyFilter{"tier", FilterOp::in, {0.0, 1.0, 2.0}}}},
                    EventCondition{"click", {PropertyFilter{"count", FilterOp::eq, {2.0}}}},
                    EventCondition{"signup_started", {}}};
  filtered.window_ms = 3600 * 1000;
  filtered.order = FunnelOrder::any;
  filtered.breakdown = FunnelBreakdown{"plan", 3};
  for (const FunnelQuery& q : {by_tier, filtered}) {
    auto r = engine.funnel(q, &error);
    REQUIRE(r);
    out.push_back(boost::json::serialize(write_funnel_result(*r, q)));
  }
  TrendQuery tq{{EventCondition{"click", {PropertyFilter{"count", FilterOp::neq, {1.0}}}},
                 EventCondition{"$page", {PropertyFilter{"tier", FilterOp::eq, {3.0}}}}},
                TrendInterval::day, 1767225600000, 1767225600000 + 20LL * 86400000, 0, {}, {}};
  auto trend = engine.trends(tq, &error);
  REQUIRE(trend);
  out.push_back(boost::json::serialize(write_trend_report(*trend, tq)));
  GuideQuery gq;
  gq.goal = EventCondition{"checkout_completed", {PropertyFilter{"tier", FilterOp::in, {1.0, 4.0}}}};
  auto guides = engine.guides(gq, &error);
  REQUIRE(guides);
  out.push_back(boost::json::serialize(write_guide_report(*guides)));
  return out;
}

// Every answer of an engine that built its index with all columns from the
// whole source (the old rebuild path), for comparison.
std::vector<std::string> answers_of_full_build(const std::vector<EventRow>& rows) {
  GrowingSource whole;
  whole.add(rows);
  AnalyticsEngine::Options options{2, 16};
  options.rebuild_for_new_columns = true;
  AnalyticsEngine rebuilt(whole, options);
  std::string error;
  REQUIRE(rebuilt.start(&error));
  std::vector<std::string> want = property_answers(rebuilt);
  for (std::string& a : all_answers(rebuilt)) want.push_back(std::move(a));
  CHECK(rebuilt.stats().rebuilds > 1);  // The reference really rebuilt.
  return want;
}

std::vector<std::string> answers_of(AnalyticsEngine& engine) {
  std::vector<std::string> got = property_answers(engine);
  for (std::string& a : all_answers(engine)) got.push_back(std::move(a));
  return got;
}

void check_same(const std::vector<std::string>& got, const std::vector<std::string>& want) {
  REQUIRE(got.size() == want.size());
  for (std::size_t i = 0; i < want.size(); ++i) {
    INFO("answer " << i);
    CHECK(got[i] == want[i]);
  }
}

TEST_CASE("columns added on demand between catch-ups answer like an index built with them") {
  const std::vector<EventRow> rows = make_linked_rows();
  GrowingSource source;
  const auto part = [&](std::size_t from, std::size_t to) {
    return std::vector<EventRow>(rows.begin() + static_cast<std::ptrdiff_t>(from),
                                 rows.begin() + static_cast<std::ptrdiff_t>(to));
  };
  const std::size_t first = rows.size() / 3, second = first + 1500;
  source.add(part(0, first));
  AnalyticsEngine engine(source, AnalyticsEngine::Options{2, 16});
  std::string error;
  REQUIRE(engine.start(&error));
  const int scans_after_start = source.full_scans.load();
  source.add(part(first, second));
  REQUIRE(engine.catch_up(rows[second - 1].sequence, &error));
  auto stuck_before = engine.stuck(StuckQuery{}, &error);  // Cached; no new column needed.
  REQUIRE(stuck_before);
  property_answers(engine);  // Adds tier, then count and plan (one read for both).
  CHECK(engine.stats().columns_added == 3);
  CHECK(source.full_scans.load() == scans_after_start + 2);
  // The cached stuck report is still served: a new column changes no answer.
  const std::uint64_t hits = engine.stats().cache_hits;
  auto stuck_after = engine.stuck(StuckQuery{}, &error);
  REQUIRE(stuck_after);
  CHECK(engine.stats().cache_hits == hits + 1);
  CHECK(boost::json::serialize(write_stuck_report(*stuck_after)) ==
        boost::json::serialize(write_stuck_report(*stuck_before)));

  // The new columns follow catch-ups like the others.
  source.add(part(second, rows.size()));
  REQUIRE(engine.catch_up(rows.back().sequence, &error));
  check_same(answers_of(engine), answers_of_full_build(rows));
  CHECK(engine.stats().rebuilds == 1);  // start() only.
  CHECK(source.full_scans.load() == scans_after_start + 2);
}

TEST_CASE("a column added while append() adds rows picks those rows up too") {
  const std::vector<EventRow> rows = make_linked_rows();
  const std::size_t base = rows.size() / 2, during = base + 700;
  GrowingSource source;
  source.add({rows.begin(), rows.begin() + static_cast<std::ptrdiff_t>(base)});
  AnalyticsEngine engine(source, AnalyticsEngine::Options{2, 16});
  std::string error;
  REQUIRE(engine.start(&error));
  // While the engine reads the new column, the store commits more rows and
  // hands them to append() (which needs the write lock the read does not hold).
  source.on_full_scan = [&] {
    source.add({rows.begin() + static_cast<std::ptrdiff_t>(base), rows.end()});
    for (std::size_t i = base; i < during; ++i) engine.append(rows[i]);
  };
  property_answers(engine);
  CHECK(engine.data_version() == during);
  CHECK(engine.stats().rebuilds == 1);
  REQUIRE(engine.catch_up(rows.back().sequence, &error));
  check_same(answers_of(engine), answers_of_full_build(rows));
}

// A query that adds the "tier" column (tier_breakdown()), started on its own
// thread and held inside its source read until release(): what other threads
// can do meanwhile is the test.
class BlockedColumnRead {
 public:
  BlockedColumnRead(GrowingSource& source, AnalyticsEngine& engine) {
    source.on_full_scan = [this] {
      reading_.set_value();
      released_.wait_for(std::chrono::seconds(30));  // Bounded, should the test fail first.
    };
    adding_ = std::async(std::launch::async, [&engine] {
      std::string e;
      return engine.funnel(tier_breakdown(), &e);
    });
  }
  BlockedColumnRead(const BlockedColumnRead&) = delete;
  BlockedColumnRead& operator=(const BlockedColumnRead&) = delete;
  ~BlockedColumnRead() {
    if (!released_ready()) release_.set_value();  // A failed REQUIRE: let the query end.
  }

  // True once the read is held (waits up to 10 s).
  bool reading() { return reading_.get_future().wait_for(std::chrono::seconds(10)) == std::future_status::ready; }
  bool still_reading() { return adding_.wait_for(std::chrono::seconds(0)) == std::future_status::timeout; }
  // Lets the read go on; the query's answer.
  std::optional<FunnelResult> release() {
    release_.set_value();
    return adding_.get();
  }

 private:
  bool released_ready() const { return released_.wait_for(std::chrono::seconds(0)) == std::future_status::ready; }

  std::promise<void> reading_, release_;
  std::shared_future<void> released_ = release_.get_future().share();
  std::future<std::optional<FunnelResult>> adding_;
};

TEST_CASE("reading a new column blocks no query of another property or app") {
  const std::vector<EventRow> rows = make_linked_rows();
  GrowingSource source, other_source;
  source.add(rows);
  other_source.add({rows.begin(), rows.begin() + 3000});
  AnalyticsEngine engine(source, AnalyticsEngine::Options{2, 16});
  AnalyticsEngine other_app(other_source, AnalyticsEngine::Options{2, 16});
  std::string error;
  REQUIRE(engine.start(&error));
  REQUIRE(engine.catch_up(rows.back().sequence, &error));
  REQUIRE(other_app.start(&error));

  const FunnelQuery by_tier = tier_breakdown();
  BlockedColumnRead adding(source, engine);
  REQUIRE(adding.reading());

  // While the source read is stuck: the same app on a property with a column
  // ("url"), its stuck report, and another app's new column all answer; the
  // same app's queries first catch up as the collector's routes do (a no-op:
  // it holds every stored row).
  FunnelQuery by_url = by_tier;
  by_url.breakdown = FunnelBreakdown{"url", 5};
  auto same_app = std::async(std::launch::async, [&] {
    std::string e;
    return engine.catch_up(rows.back().sequence, &e) && engine.funnel(by_url, &e).has_value() &&
           engine.stuck(StuckQuery{}, &e).has_value();
  });
  auto another_app = std::async(std::launch::async, [&] {
    std::string e;
    return other_app.funnel(by_tier, &e).has_value();
  });
  const bool same_app_answered = same_app.wait_for(std::chrono::seconds(10)) == std::future_status::ready;
  const bool another_app_answered = another_app.wait_for(std::chrono::seconds(10)) == std::future_status::ready;
  const bool still_reading = adding.still_reading();
  std::optional<FunnelResult> got = adding.release();
  CHECK(same_app_answered);
  CHECK(another_app_answered);
  CHECK(still_reading);
  CHECK(same_app.get());
  CHECK(another_app.get());
  REQUIRE(got);
  CHECK(boost::json::serialize(write_funnel_result(*got, by_tier)) == answers_of_full_build(rows).front());
  CHECK(engine.stats().columns_added == 1);
}

TEST_CASE("a catch-up with new rows does not wait for a column read, and the column covers its rows") {
  const std::vector<EventRow> rows = make_linked_rows();
  const std::size_t base = rows.size() / 2;
  GrowingSource source;
  source.add({rows.begin(), rows.begin() + static_cast<std::ptrdiff_t>(base)});
  AnalyticsEngine engine(source, AnalyticsEngine::Options{2, 16});
  std::string error;
  REQUIRE(engine.start(&error));

  const FunnelQuery by_tier = tier_breakdown();
  BlockedColumnRead adding(source, engine);
  REQUIRE(adding.reading());

  // While the "tier" read is stuck, the store commits the other half in
  // three commits; each catch-up (what a query needing those rows does
  // first) and a query on an indexed property answer.
  const std::size_t cuts[] = {base, base + 1000, base + 2500, rows.size()};
  auto catching_up = std::async(std::launch::async, [&] {
    std::string e;
    for (std::size_t c = 0; c + 1 < std::size(cuts); ++c) {
      source.add({rows.begin() + static_cast<std::ptrdiff_t>(cuts[c]),
                  rows.begin() + static_cast<std::ptrdiff_t>(cuts[c + 1])});
      if (!engine.catch_up(rows[cuts[c + 1] - 1].sequence, &e)) return false;
      if (engine.data_version() != cuts[c + 1]) return false;
    }
    return engine.stuck(StuckQuery{}, &e).has_value();
  });
  const bool caught_up = catching_up.wait_for(std::chrono::seconds(10)) == std::future_status::ready;
  const bool still_reading = adding.still_reading();
  std::optional<FunnelResult> got = adding.release();
  CHECK(caught_up);
  CHECK(still_reading);
  CHECK(catching_up.get());

  // The column read the rows up to where the index stood when it began, then
  // those the catch-ups appended: its answer counts every row, like a build
  // with the column, and nothing was rebuilt.
  REQUIRE(got);
  CHECK(got->data_version == rows.size());
  const std::vector<std::string> want = answers_of_full_build(rows);
  CHECK(boost::json::serialize(write_funnel_result(*got, by_tier)) == want.front());
  check_same(answers_of(engine), want);
  CHECK(engine.stats().rebuilds == 1);  // start() only.
}

TEST_CASE("columns added while catch-ups append rows on another thread answer like a full build") {
  const std::vector<EventRow> rows = make_linked_rows();
  GrowingSource source;
  source.add({rows.begin(), rows.begin() + 2000});
  AnalyticsEngine engine(source, AnalyticsEngine::Options{2, 16});
  std::string error;
  REQUIRE(engine.start(&error));
  // The store commits 97 rows at a time and catches up, while queries on
  // properties the index lacks ("tier", "count", "plan") add their columns.
  std::atomic<bool> failed{false};
  std::thread store([&] {
    std::string e;
    for (std::size_t at = 2000; at < rows.size();) {
      const std::size_t next = std::min(rows.size(), at + 97);
      source.add({rows.begin() + static_cast<std::ptrdiff_t>(at), rows.begin() + static_cast<std::ptrdiff_t>(next)});
      if (!engine.catch_up(rows[next - 1].sequence, &e)) failed = true;
      at = next;
    }
  });
  property_answers(engine);
  store.join();
  CHECK_FALSE(failed);
  CHECK(engine.stats().columns_added == 3);
  CHECK(engine.stats().rebuilds == 1);
  REQUIRE(engine.catch_up(rows.back().sequence, &error));
  check_same(answers_of(engine), answers_of_full_build(rows));
}

}  // namespace
}  // namespace cairn::analytics
