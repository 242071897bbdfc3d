#include "session/guide_class.h"
#include "session/recent_events.h"

#include <catch2/catch.hpp>

namespace cs = cairn::session;
namespace cg = cairn::guide;

namespace {

cg::Guide guide_of(std::initializer_list<cg::StepKind> kinds) {
  cg::Guide g;
  for (cg::StepKind k : kinds) {
    cg::Step s;
    s.kind = k;
    g.steps.push_back(s);
  }
  return g;
}

}  // namespace

TEST_CASE("banners, hotspots and launchers stack; any other step makes a guide modal-type") {
  using K = cg::StepKind;
  CHECK(cs::classify(guide_of({K::banner})) == cs::GuideClass::stacking);
  CHECK(cs::classify(guide_of({K::hotspot, K::launcher, K::banner})) == cs::GuideClass::stacking);
  for (K k : {K::tooltip, K::modal, K::slideout, K::checklist, K::survey}) {
    CHECK(cs::classify(guide_of({k})) == cs::GuideClass::modal);
    CHECK(cs::classify(guide_of({K::banner, k})) == cs::GuideClass::modal);
  }
  CHECK(cs::classify(guide_of({})) == cs::GuideClass::modal);
}

TEST_CASE("recent events count within inclusive windows and stay bounded") {
  std::map<std::string, std::vector<std::int64_t>> times;
  cs::RecentEvents events(times);
  events.add("a", 30);
  events.add("a", 10);
  events.add("a", 20);
  CHECK(events.count("a", 10, 20) == 2);
  CHECK(events.count("a", 11, 29) == 1);
  CHECK(events.count("a", 30, 10) == 0);
  CHECK(events.count("b", 0, 100) == 0);
  for (std::int64_t i = 0; i < 500; ++i) events.add("a", 1000 + i);
  CHECK(times.at("a").size() == cs::kMaxEventTimesPerName);
  CHECK(events.count("a", 0, 999) == 0);  // the oldest were dropped
  for (std::size_t i = 0; i < cs::kMaxEventNames + 5; ++i) {
    std::string name = "n";
    name += std::to_string(i);
    events.add(name, 1);
  }
  CHECK(times.size() == cs::kMaxEventNames);
}

// An audience may ask for "at most kMaxEventCount": the count must tell that
// many events from one more, however many the user did.
TEST_CASE("recent events count exactly up to one past the largest count an audience may ask for") {
  std::map<std::string, std::vector<std::int64_t>> times;
  cs::RecentEvents events(times);
  const std::int64_t limit = cg::kMaxEventCount;
  for (std::int64_t i = 0; i < limit; ++i) events.add("export", 1000 + i);
  CHECK(events.count("export", 0, 1'000'000) == limit);
  for (std::int64_t i = 0; i < 50; ++i) events.add("export", 5000 + i);
  CHECK(events.count("export", 0, 1'000'000) == limit + 1);
  // A window holding more than the limit still counts past it.
  CHECK(events.count("export", 1040, 1'000'000) == limit + 1);
}
