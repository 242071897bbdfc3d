#include "analytics/analytics_engine.h"

#include <catch2/catch.hpp>

namespace cairn::analytics {
namespace {

TEST_CASE("engine caches by query and data version, adds columns on demand") {
  MemoryEventSource source;
  source.add(EventRow{"u", 0, "a", {{"country", std::string("fr")}}});
  source.add(EventRow{"u", 1, "b", {}});
  AnalyticsEngine engine(source, AnalyticsEngine::Options{2, 8});
  std::string error;
  REQUIRE(engine.start(&error));
  FunnelQuery q;
  q.steps = {EventCondition{"a", {}}, EventCondition{"b", {}}};
  auto first = engine.funnel(q, &error);
  REQUIRE(first);
  CHECK(first->steps[1].entered == 1);
  auto second = engine.funnel(q, &error);
  CHECK(engine.stats().cache_hits == 1);
  CHECK(*second == *first);

  // New data: a new version, so no stale answer.
  engine.append(EventRow{"v", 0, "a", {}});
  auto third = engine.funnel(q, &error);
  REQUIRE(third);
  CHECK(third->steps[0].entered == 2);
  CHECK(third->data_version == engine.data_version());

  // A filter on a property without a column: the index is rebuilt from the
  // source (which does not hold "v": appends belong in the store first).
  const std::uint64_t rebuilds = engine.stats().rebuilds;
  q.steps[0].filters.push_back(PropertyFilter{"country", FilterOp::eq, {std::string("fr")}});
  auto filtered = engine.funnel(q, &error);
  REQUIRE(filtered);
  CHECK(engine.stats().rebuilds == rebuilds + 1);
  CHECK(filtered->steps[0].entered == 1);
  CHECK(engine.index_memory_bytes() > 0);

  GuideQuery gq;
  REQUIRE(engine.guides(gq, &error));
  REQUIRE(engine.stuck(StuckQuery{}, &error));
  TrendQuery tq{{EventCondition{"a", {}}}, TrendInterval::day, 0, 86400000, 0, {}, {}};
  auto trend = engine.trends(tq, &error);
  REQUIRE(trend);
  CHECK(trend->series[0].events == 1);
}

}  // namespace
}  // namespace cairn::analytics
