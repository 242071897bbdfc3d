#include "analytics/event_condition.h"

#include <catch2/catch.hpp>

namespace cairn::analytics {
namespace {

PropertyValue s(const char* text) { return PropertyValue(std::string(text)); }

TEST_CASE("filters: eq, neq, in, contains on strings, numbers and absent values") {
  const PropertyFilter eq{"p", FilterOp::eq, {s("pro")}};
  CHECK(filter_passes(eq, s("pro")));
  CHECK_FALSE(filter_passes(eq, s("Pro")));
  CHECK_FALSE(filter_passes(eq, std::nullopt));
  const PropertyFilter eq_number{"p", FilterOp::eq, {3.0}};
  CHECK(filter_passes(eq_number, PropertyValue(3.0)));
  CHECK_FALSE(filter_passes(eq_number, s("3")));  // Types never mix.
  const PropertyFilter neq{"p", FilterOp::neq, {s("free")}};
  CHECK(filter_passes(neq, s("pro")));
  CHECK(filter_passes(neq, std::nullopt));  // Absent is "not free".
  CHECK_FALSE(filter_passes(neq, s("free")));
  const PropertyFilter in{"p", FilterOp::in, {s("a"), 2.0}};
  CHECK(filter_passes(in, s("a")));
  CHECK(filter_passes(in, PropertyValue(2.0)));
  CHECK_FALSE(filter_passes(in, s("2")));
  CHECK_FALSE(filter_passes(in, std::nullopt));
  const PropertyFilter contains{"p", FilterOp::contains, {s("ro")}};
  CHECK(filter_passes(contains, s("pro")));
  CHECK_FALSE(filter_passes(contains, s("free")));
  CHECK_FALSE(filter_passes(contains, PropertyValue(12.0)));
  CHECK_FALSE(filter_passes(contains, std::nullopt));
}

TEST_CASE("compiled conditions match like filter_passes and name missing columns") {
  EventIndex index({"plan"});
  index.append(EventRow{"u", 1, "buy", {{"plan", s("pro")}}});
  index.append(EventRow{"u", 2, "buy", {}});
  index.append(EventRow{"u", 3, "view", {{"plan", s("pro")}}});
  std::vector<std::string> missing;
  auto c = CompiledCondition::compile(EventCondition{"buy", {{"plan", FilterOp::neq, {s("free")}}}}, index, missing);
  REQUIRE(c);
  const UserTimeline& t = index.timeline(0);
  CHECK(c->matches(t, 0));
  CHECK(c->matches(t, 1));
  CHECK_FALSE(c->matches(t, 2));
  auto unknown = CompiledCondition::compile(EventCondition{"never", {}}, index, missing);
  REQUIRE(unknown);
  CHECK_FALSE(unknown->can_match());
  CHECK_FALSE(unknown->matches(t, 0));
  CHECK_FALSE(CompiledCondition::compile(EventCondition{"buy", {{"seats", FilterOp::eq, {1.0}}}}, index, missing));
  CHECK(missing == std::vector<std::string>{"seats"});
}

}  // namespace
}  // namespace cairn::analytics
