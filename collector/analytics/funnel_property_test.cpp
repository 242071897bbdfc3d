// Property tests: FunnelEngine against the brute-force reference on thousands
// of random small cases: few users and names, many equal timestamps, events
// exactly at the window edge, rows arriving out of time order, every order
// mode, exclusions, breakdowns, totals and dropped-user pages.
#include "analytics/event_index.h"
#include "analytics/funnel_engine.h"
#include "analytics/funnel_reference.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <random>
#include <sstream>

namespace cairn::analytics {
namespace {

const char* const kNames[] = {"A", "B", "C", "D"};
const char* const kPlans[] = {"free", "pro", "team"};

std::vector<EventRow> random_rows(std::mt19937& rng, int max_users, int max_events) {
  std::vector<EventRow> rows;
  const int users = std::uniform_int_distribution<int>(1, max_users)(rng);
  const int time_span = std::uniform_int_distribution<int>(0, 12)(rng);
  for (int u = 0; u < users; ++u) {
    const int events = std::uniform_int_distribution<int>(0, max_events)(rng);
    for (int e = 0; e < events; ++e) {
      EventRow row;
      row.user = "u";
      row.user += std::to_string(u);
      row.time_ms = 1000 + std::uniform_int_distribution<int>(0, time_span)(rng);
      row.event = kNames[std::uniform_int_distribution<int>(0, 3)(rng)];
      const int plan = std::uniform_int_distribution<int>(0, 3)(rng);
      if (plan < 3) row.properties.emplace_back("plan", std::string(kPlans[plan]));
      const int size = std::uniform_int_distribution<int>(0, 2)(rng);
      if (size > 0) row.properties.emplace_back("size", static_cast<double>(size));
      rows.push_back(std::move(row));
    }
  }
  // Arrival order is not time order: shuffle, so some rows arrive late.
  std::shuffle(rows.begin(), rows.end(), rng);
  return rows;
}

EventCondition random_condition(std::mt19937& rng) {
  EventCondition c;
  c.event = kNames[std::uniform_int_distribution<int>(0, 3)(rng)];
  if (std::uniform_int_distribution<int>(0, 3)(rng) == 0) {
    PropertyFilter f;
    switch (std::uniform_int_distribution<int>(0, 4)(rng)) {
      case 0: f = {"plan", FilterOp::eq, {std::string("pro")}}; break;
      case 1: f = {"plan", FilterOp::neq, {std::string("free")}}; break;
      case 2: f = {"plan", FilterOp::in, {std::string("free"), std::string("team")}}; break;
      case 3: f = {"plan", FilterOp::contains, {std::string("e")}}; break;
      default: f = {"size", FilterOp::eq, {2.0}}; break;
    }
    c.filters.push_back(f);
  }
  return c;
}

FunnelQuery random_query(std::mt19937& rng) {
  FunnelQuery q;
  const int n = std::uniform_int_distribution<int>(2, 4)(rng);
  for (int k = 0; k < n; ++k) q.steps.push_back(random_condition(rng));
  const std::int64_t windows[] = {1, 2, 3, 5, 8, 1000};
  q.window_ms = windows[std::uniform_int_distribution<int>(0, 5)(rng)];
  q.order = static_cast<FunnelOrder>(std::uniform_int_distribution<int>(0, 2)(rng));
  q.count = std::uniform_int_distribution<int>(0, 3)(rng) == 0 ? FunnelCount::totals : FunnelCount::unique_users;
  if (q.order != FunnelOrder::any && std::uniform_int_distribution<int>(0, 2)(rng) == 0) {
    const int exclusions = std::uniform_int_distribution<int>(1, 2)(rng);
    for (int j = 0; j < exclusions; ++j) {
      FunnelExclusion x;
      x.condition = random_condition(rng);
      x.after_step = static_cast<std::size_t>(std::uniform_int_distribution<int>(1, n - 1)(rng));
      q.exclusions.push_back(x);
    }
  }
  if (std::uniform_int_distribution<int>(0, 3)(rng) == 0) q.from_ms = 1000 + std::uniform_int_distribution<int>(0, 4)(rng);
  if (std::uniform_int_distribution<int>(0, 3)(rng) == 0) q.to_ms = 1006 + std::uniform_int_distribution<int>(0, 6)(rng);
  if (std::uniform_int_distribution<int>(0, 2)(rng) == 0) {
    q.breakdown = FunnelBreakdown{std::uniform_int_distribution<int>(0, 1)(rng) ? "plan" : "size",
                                  static_cast<std::size_t>(std::uniform_int_distribution<int>(1, 3)(rng))};
  }
  if (q.count == FunnelCount::unique_users && std::uniform_int_distribution<int>(0, 2)(rng) == 0) {
    q.dropped_at_step = static_cast<std::size_t>(std::uniform_int_distribution<int>(1, n - 1)(rng));
    q.dropped_offset = static_cast<std::size_t>(std::uniform_int_distribution<int>(0, 1)(rng));
    q.dropped_limit = static_cast<std::size_t>(std::uniform_int_distribution<int>(1, 3)(rng));
  }
  return q;
}

std::string describe(const std::vector<EventRow>& rows, const FunnelQuery& q) {
  std::ostringstream out;
  out << "order=" << static_cast<int>(q.order) << " count=" << static_cast<int>(q.count)
      << " window=" << q.window_ms << " steps:";
  for (const EventCondition& c : q.steps) out << ' ' << c.event << (c.filters.empty() ? "" : "[f]");
  for (const FunnelExclusion& x : q.exclusions) out << " excl " << x.condition.event << " after " << x.after_step;
  out << "\nrows:";
  for (const EventRow& r : rows) out << ' ' << r.user << ':' << r.event << '@' << r.time_ms;
  return out.str();
}

// How many cases exercised what: a guard against a generator that stops
// producing interesting cases.
struct Coverage {
  int converted_to_last = 0, partial = 0, with_exclusions = 0, with_breakdown = 0, by_order[3] = {};
};

Coverage check_cases(std::uint32_t seed, int cases, int max_users, int max_events, std::size_t threads) {
  Coverage coverage;
  std::mt19937 rng(seed);
  for (int i = 0; i < cases; ++i) {
    const std::vector<EventRow> rows = random_rows(rng, max_users, max_events);
    const FunnelQuery q = random_query(rng);
    REQUIRE(validate_funnel_query(q).empty());
    EventIndex index(funnel_property_keys(q));
    for (const EventRow& r : rows) index.append(r);
    std::string error;
    std::optional<FunnelResult> got = run_funnel(index, q, ParallelOptions{threads}, &error);
    REQUIRE(got);
    FunnelResult want = reference_funnel(rows, q);
    want.data_version = got->data_version;
    INFO("case " << i << " " << describe(rows, q));
    REQUIRE(got->steps == want.steps);
    REQUIRE(got->breakdown == want.breakdown);
    REQUIRE(got->dropped_users == want.dropped_users);
    REQUIRE(got->dropped_users_total == want.dropped_users_total);
    const std::uint64_t last = got->steps.back().entered;
    if (last > 0) ++coverage.by_order[static_cast<int>(q.order)];
    if (last > 0) ++coverage.converted_to_last;
    if (got->steps[0].entered > last && last > 0) ++coverage.partial;
    if (!q.exclusions.empty() && got->steps[0].entered > 0) ++coverage.with_exclusions;
    if (got->breakdown.size() > 1) ++coverage.with_breakdown;
  }
  return coverage;
}

TEST_CASE("funnel engine equals the reference on random small cases") {
  const Coverage c = check_cases(20261123, 5000, 3, 9, 1);
  CHECK(c.converted_to_last > 500);
  CHECK(c.partial > 200);
  CHECK(c.with_exclusions > 300);
  CHECK(c.with_breakdown > 300);
  for (int order : c.by_order) CHECK(order > 100);
  WARN("converted " << c.converted_to_last << " partial " << c.partial << " excl " << c.with_exclusions
       << " breakdown " << c.with_breakdown);
}

TEST_CASE("funnel engine equals the reference with many users and threads") {
  // More users than one evaluation block, so several threads share the work.
  std::mt19937 rng(7);
  for (int i = 0; i < 3; ++i) {
    std::vector<EventRow> rows;
    for (int chunk = 0; chunk < 200; ++chunk) {
      for (EventRow r : random_rows(rng, 100, 6)) {
        r.user += '-';
        r.user += std::to_string(chunk);
        rows.push_back(std::move(r));
      }
    }
    const FunnelQuery q = random_query(rng);
    EventIndex index(funnel_property_keys(q));
    for (const EventRow& r : rows) index.append(r);
    std::string error;
    std::optional<FunnelResult> got = run_funnel(index, q, ParallelOptions{4}, &error);
    REQUIRE(got);
    FunnelResult want = reference_funnel(rows, q);
    INFO(describe({}, q) << " users=" << index.user_count());
    REQUIRE(index.user_count() > 4096);
    REQUIRE(got->steps == want.steps);
    REQUIRE(got->breakdown == want.breakdown);
    REQUIRE(got->dropped_users == want.dropped_users);
  }
}

}  // namespace
}  // namespace cairn::analytics
