#include "analytics/event_index.h"

#include <catch2/catch.hpp>

namespace cairn::analytics {
namespace {

EventRow row(std::string user, std::int64_t t, std::string event,
             std::vector<std::pair<std::string, PropertyValue>> props = {}) {
  return EventRow{std::move(user), t, std::move(event), std::move(props)};
}

TEST_CASE("index keeps each user's events in (time, arrival) order") {
  EventIndex index({"plan"});
  index.append(row("a", 10, "x"));
  index.append(row("b", 5, "y"));
  index.append(row("a", 30, "y"));
  index.append(row("a", 20, "z"));  // Arrives late: inserted at its time.
  index.append(row("a", 20, "x"));  // Same time as an earlier arrival: after it.
  index.append(row("a", 5, "z"));   // Earlier than everything.
  REQUIRE(index.user_count() == 2);
  REQUIRE(index.event_count() == 6);
  const UserTimeline& a = index.timeline(0);
  REQUIRE(index.user_name(0) == "a");
  REQUIRE(a.time_ms == std::vector<std::int64_t>{5, 10, 20, 20, 30});
  std::vector<std::string> names;
  for (std::uint32_t id : a.name) names.push_back(index.event_name(id));
  CHECK(names == std::vector<std::string>{"z", "x", "z", "x", "y"});
  CHECK(index.timeline(1).size() == 1);
}

TEST_CASE("index dictionary-encodes property values per column, 0 = absent") {
  EventIndex index({"plan", "seats", "plan"});  // Duplicate key ignored.
  REQUIRE(index.property_keys().size() == 2);
  index.append(row("a", 1, "x", {{"plan", std::string("pro")}, {"seats", 3.0}, {"other", 1.0}}));
  index.append(row("a", 2, "x", {{"seats", std::string("3")}}));
  index.append(row("a", 3, "x", {{"plan", std::string("pro")}, {"seats", -0.0}}));
  const std::size_t plan = *index.property_column("plan");
  const std::size_t seats = *index.property_column("seats");
  CHECK_FALSE(index.property_column("other"));
  const UserTimeline& t = index.timeline(0);
  CHECK(t.property[plan] == std::vector<std::uint32_t>{1, 0, 1});
  // The number 3 and the string "3" are different values.
  CHECK(t.property[seats][0] != t.property[seats][1]);
  CHECK(index.values(seats).value(t.property[seats][1]) == PropertyValue(std::string("3")));
  CHECK(index.values(seats).find(PropertyValue(0.0)) == index.values(seats).find(PropertyValue(-0.0)));
  CHECK_FALSE(index.values(plan).find(PropertyValue(std::string("free"))));
}

TEST_CASE("index loads from a source, reports its version and memory") {
  MemoryEventSource source({row("a", 1, "x"), row("b", 2, "y")});
  EventIndex index;
  std::string error;
  REQUIRE(index.load(source, &error));
  CHECK(index.version() == 2);
  index.append(row("c", 3, "x"));
  CHECK(index.version() == 3);
  index.shrink_to_fit();
  CHECK(index.memory_bytes() > 0);
  CHECK(index.event_name_id("x") == index.timeline(0).name[0]);
  CHECK_FALSE(index.event_name_id("nope"));
}

TEST_CASE("index ignores rows whose sequence it already holds") {
  EventIndex index;
  EventRow r{"a", 1, "x", {}, 5};
  CHECK(index.append(r));
  CHECK_FALSE(index.append(r));  // Same sequence: already there.
  r.sequence = 3;
  CHECK_FALSE(index.append(r));  // Older: read by a rebuild already.
  r.sequence = 0;
  CHECK(index.append(r));  // Unknown sequence: always appended.
  r.sequence = 6;
  CHECK(index.append(r));
  CHECK(index.event_count() == 3);
}

class FailingSource final : public EventSource {
 public:
  bool scan(const std::vector<std::string>&, const std::function<void(const EventRow&)>& sink,
            std::string* error) override {
    sink(EventRow{"a", 1, "x", {}});
    *error = "disk on fire";
    return false;
  }
};

TEST_CASE("index load reports a failing source and keeps what it read") {
  FailingSource source;
  EventIndex index;
  std::string error;
  CHECK_FALSE(index.load(source, &error));
  CHECK(error == "disk on fire");
  CHECK(index.event_count() == 1);
}

// 16 bytes: time (8), name id (4), arrival position (4, for columns added later).
TEST_CASE("index memory stays near 16 bytes per event plus 4 per column") {
  EventIndex index({"plan"});
  for (int u = 0; u < 100; ++u) {
    for (int e = 0; e < 1000; ++e) {
      std::string user = "user-";
      user += std::to_string(u);
      index.append(EventRow{user, e, e % 2 ? "a" : "b", {{"plan", std::string("pro")}}});
    }
  }
  index.shrink_to_fit();
  CHECK(index.memory_bytes() < 100000 * 24 + 100 * 200);
}

}  // namespace
}  // namespace cairn::analytics
