// Hand-worked funnels: each case's expected numbers are derived in its comment.
#include "analytics/funnel_engine.h"

#include <catch2/catch.hpp>

namespace cairn::analytics {
namespace {

struct Fixture {
  EventIndex index{{"plan"}};
  void add(const std::string& user, std::int64_t t, const std::string& event, const char* plan = nullptr) {
    EventRow r{user, t, event, {}};
    if (plan) r.properties.emplace_back("plan", std::string(plan));
    index.append(r);
  }
  FunnelResult run(const FunnelQuery& q) {
    REQUIRE(validate_funnel_query(q).empty());
    std::string error;
    std::optional<FunnelResult> r = run_funnel(index, q, ParallelOptions{1}, &error);
    REQUIRE(r);
    return *r;
  }
};

std::string numbered(const char* prefix, int i) {
  std::string s = prefix;
  s += std::to_string(i);
  return s;
}

FunnelQuery steps(std::initializer_list<const char*> names, std::int64_t window) {
  FunnelQuery q;
  for (const char* n : names) q.steps.push_back(EventCondition{n, {}});
  q.window_ms = window;
  return q;
}

std::vector<std::uint64_t> entered(const std::vector<FunnelStepResult>& steps) {
  std::vector<std::uint64_t> out;
  for (const FunnelStepResult& s : steps) out.push_back(s.entered);
  return out;
}

TEST_CASE("ordered: the window is inclusive and counts from the first step") {
  Fixture f;
  // ClickHouse's own example shape: B exactly at the window edge counts, C one ms later does not.
  f.add("u", 0, "A");
  f.add("u", 100, "B");
  f.add("u", 101, "C");
  const FunnelResult r = f.run(steps({"A", "B", "C"}, 100));
  CHECK(entered(r.steps) == std::vector<std::uint64_t>{1, 1, 0});
  CHECK(r.steps[1].median_ms_to_convert == 100);
  CHECK(r.steps[0].converted == 1);
  CHECK(r.steps[1].dropped == 1);
  CHECK(r.steps[2].conversion_from_previous == 0.0);
}

TEST_CASE("ordered: equal timestamps follow arrival order") {
  Fixture f;
  f.add("first-a", 5, "A");
  f.add("first-a", 5, "B");  // Arrived after A: A then B.
  f.add("first-b", 5, "B");
  f.add("first-b", 5, "A");  // Arrived after B: B then A, no conversion.
  const FunnelResult r = f.run(steps({"A", "B"}, 10));
  CHECK(entered(r.steps) == std::vector<std::uint64_t>{2, 1});
}

TEST_CASE("ordered: the latest start that reaches the level gives the times") {
  Fixture f;
  // Starts at 0 and 50 both reach B (at 60); the path starts at 50, so 10 ms.
  f.add("u", 0, "A");
  f.add("u", 50, "A");
  f.add("u", 60, "B");
  const FunnelResult r = f.run(steps({"A", "B"}, 100));
  CHECK(r.steps[1].median_ms_to_convert == 10);
}

TEST_CASE("exclusions drop the user at the step before them, but another path may pass") {
  Fixture f;
  // u1: A B X C: X between B and C, no other B after X: dropped at step 2.
  f.add("u1", 0, "A");
  f.add("u1", 1, "B");
  f.add("u1", 2, "X");
  f.add("u1", 3, "C");
  // u2: A B X B C: the second B avoids X, so u2 converts; B->C takes 1 ms, A->B 3 ms.
  f.add("u2", 0, "A");
  f.add("u2", 1, "B");
  f.add("u2", 2, "X");
  f.add("u2", 3, "B");
  f.add("u2", 4, "C");
  FunnelQuery q = steps({"A", "B", "C"}, 100);
  q.exclusions.push_back(FunnelExclusion{EventCondition{"X", {}}, 2});
  q.dropped_at_step = 2;
  const FunnelResult r = f.run(q);
  CHECK(entered(r.steps) == std::vector<std::uint64_t>{2, 2, 1});
  CHECK(r.dropped_users == std::vector<std::string>{"u1"});
  CHECK(r.steps[2].median_ms_to_convert == 1);
  // u1's A->B took 1 ms and u2's 3 ms: nearest-rank median is 1, p90 is 3.
  CHECK(r.steps[1].median_ms_to_convert == 1);
  CHECK(r.steps[1].p90_ms_to_convert == 3);
}

TEST_CASE("strict: another funnel event between two steps breaks the path, ordered does not care") {
  Fixture f;
  f.add("u", 0, "A");
  f.add("u", 1, "B");
  f.add("u", 2, "B");
  f.add("u", 3, "C");
  f.add("u", 4, "noise");
  FunnelQuery q = steps({"A", "B", "C"}, 100);
  CHECK(entered(f.run(q).steps) == std::vector<std::uint64_t>{1, 1, 1});
  q.order = FunnelOrder::strict;
  CHECK(entered(f.run(q).steps) == std::vector<std::uint64_t>{1, 1, 0});
}

TEST_CASE("strict: events that match no step may come between") {
  Fixture f;
  f.add("u", 0, "A");
  f.add("u", 1, "noise");
  f.add("u", 2, "B");
  FunnelQuery q = steps({"A", "B"}, 100);
  q.order = FunnelOrder::strict;
  CHECK(entered(f.run(q).steps) == std::vector<std::uint64_t>{1, 1});
}

TEST_CASE("any order: steps 1..k within the window, in whatever order") {
  Fixture f;
  f.add("u", 0, "C");
  f.add("u", 1, "A");
  f.add("u", 2, "B");
  FunnelQuery q = steps({"A", "B", "C"}, 2);
  CHECK(entered(f.run(q).steps) == std::vector<std::uint64_t>{1, 1, 0});  // Ordered: C came first.
  q.order = FunnelOrder::any;
  const FunnelResult r = f.run(q);
  CHECK(entered(r.steps) == std::vector<std::uint64_t>{1, 1, 1});
  // Window [0, 2]: A done at 1, A+B at 2, A+B+C at 2.
  CHECK(r.steps[1].median_ms_to_convert == 1);
  CHECK(r.steps[2].median_ms_to_convert == 0);
  q.window_ms = 1;
  CHECK(entered(f.run(q).steps) == std::vector<std::uint64_t>{1, 1, 0});
}

TEST_CASE("totals count every step-1 event as an attempt") {
  Fixture f;
  f.add("u", 0, "A");
  f.add("u", 1, "A");
  f.add("u", 2, "B");
  f.add("v", 0, "A");
  FunnelQuery q = steps({"A", "B"}, 100);
  q.count = FunnelCount::totals;
  CHECK(entered(f.run(q).steps) == std::vector<std::uint64_t>{3, 2});
  q.count = FunnelCount::unique_users;
  CHECK(entered(f.run(q).steps) == std::vector<std::uint64_t>{2, 1});
}

TEST_CASE("date range ignores events before from_ms and from to_ms on") {
  Fixture f;
  f.add("u", 0, "A");
  f.add("u", 10, "B");
  f.add("v", 5, "A");
  f.add("v", 6, "B");
  FunnelQuery q = steps({"A", "B"}, 100);
  q.from_ms = 5;
  CHECK(entered(f.run(q).steps) == std::vector<std::uint64_t>{1, 1});
  q.from_ms.reset();
  q.to_ms = 10;
  CHECK(entered(f.run(q).steps) == std::vector<std::uint64_t>{2, 1});
}

TEST_CASE("breakdown: top values by step-1 users, then other, from the path's first event") {
  Fixture f;
  for (int i = 0; i < 3; ++i) f.add(numbered("p", i), 0, "A", "pro");
  f.add("p0", 1, "B");
  for (int i = 0; i < 2; ++i) f.add(numbered("f", i), 0, "A", "free");
  f.add("t0", 0, "A", "team");
  f.add("n0", 0, "A");
  FunnelQuery q = steps({"A", "B"}, 100);
  q.breakdown = FunnelBreakdown{"plan", 2};
  const FunnelResult r = f.run(q);
  REQUIRE(r.breakdown.size() == 3);
  CHECK(r.breakdown[0].breakdown_value == PropertyValue(std::string("pro")));
  CHECK(entered(r.breakdown[0].steps) == std::vector<std::uint64_t>{3, 1});
  CHECK(r.breakdown[1].breakdown_value == PropertyValue(std::string("free")));
  CHECK(r.breakdown[2].is_other);
  CHECK(entered(r.breakdown[2].steps) == std::vector<std::uint64_t>{2, 0});  // team + absent.
  CHECK(entered(r.steps) == std::vector<std::uint64_t>{7, 1});
}

TEST_CASE("dropped users are sorted by id and paged") {
  Fixture f;
  for (const char* u : {"d", "b", "a", "c"}) f.add(u, 0, "A");
  FunnelQuery q = steps({"A", "B"}, 100);
  q.dropped_at_step = 1;
  q.dropped_offset = 1;
  q.dropped_limit = 2;
  const FunnelResult r = f.run(q);
  CHECK(r.dropped_users_total == 4);
  CHECK(r.dropped_users == std::vector<std::string>{"b", "c"});
}

TEST_CASE("a query naming a property without a column is refused, not misread") {
  Fixture f;
  f.add("u", 0, "A");
  FunnelQuery q = steps({"A", "B"}, 100);
  q.steps[0].filters.push_back(PropertyFilter{"country", FilterOp::eq, {std::string("fr")}});
  std::string error;
  CHECK_FALSE(run_funnel(f.index, q, {}, &error));
  CHECK(error.find("\"country\"") != std::string::npos);
  CHECK(funnel_property_keys(q) == std::vector<std::string>{"country"});
}

TEST_CASE("validation names every problem with its pointer") {
  FunnelQuery q;
  q.steps = {EventCondition{"A", {}}};
  q.window_ms = 0;
  q.order = FunnelOrder::any;
  q.exclusions = {FunnelExclusion{EventCondition{"", {}}, 3}};
  q.from_ms = 10;
  q.to_ms = 10;
  q.breakdown = FunnelBreakdown{"", 0};
  q.count = FunnelCount::totals;
  q.dropped_at_step = 5;
  q.dropped_limit = 5000;
  const json::Problems p = validate_funnel_query(q);
  const std::string all = p.summary();
  for (const char* pointer : {"/steps:", "/window_ms:", "/exclusions/0/event:", "/exclusions/0/after_step:",
                              "/exclusions:", "/to_ms:", "/breakdown/property:", "/breakdown/limit:", "/dropped:",
                              "/dropped/step:", "/dropped/limit:"}) {
    CHECK(all.find(pointer) != std::string::npos);
  }
  FunnelQuery empty_step = steps({"A", ""}, 10);
  CHECK(validate_funnel_query(empty_step).summary() == "/steps/1/event: required");
}

TEST_CASE("nearest-rank percentiles") {
  std::vector<std::int64_t> v{5, 1, 4, 2, 3};
  CHECK(nearest_rank_percentile(v, 50) == 3);
  CHECK(nearest_rank_percentile(v, 90) == 5);
  std::vector<std::int64_t> two{10, 20};
  CHECK(nearest_rank_percentile(two, 50) == 10);
  std::vector<std::int64_t> one{7};
  CHECK(nearest_rank_percentile(one, 90) == 7);
}

}  // namespace
}  // namespace cairn::analytics
