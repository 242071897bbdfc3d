#include "recorder/dead_click_detector.h"

#include <catch2/catch.hpp>

namespace cr = cairn::recorder;

namespace {
cr::ClickObservation click(std::int64_t t, std::string key = "button#save") {
  cr::ClickObservation c;
  c.time_ms = t;
  c.x = 10;
  c.y = 20;
  c.element_key = std::move(key);
  return c;
}
}  // namespace

TEST_CASE("a click with no change within the window is dead, reported once") {
  cr::DeadClickDetector detector;
  detector.observe_click(click(1000));
  CHECK(detector.next_deadline_ms() == 2001);
  CHECK(detector.advance(2000).empty());  // Window still open at exactly +1000.
  auto dead = detector.advance(2001);
  REQUIRE(dead.size() == 1);
  CHECK(dead[0].click.element_key == "button#save");
  CHECK(dead[0].click.time_ms == 1000);
  CHECK(dead[0].click_count == 1);
  CHECK(detector.advance(5000).empty());
  CHECK_FALSE(detector.next_deadline_ms());
}

TEST_CASE("a change inside the window, edges included, saves the click") {
  for (std::int64_t change_at : {1000, 1500, 2000}) {
    cr::DeadClickDetector detector;
    detector.observe_click(click(1000));
    detector.observe_change(change_at);
    CHECK(detector.pending() == 0);
    CHECK(detector.advance(10'000).empty());
  }
}

TEST_CASE("a change before the click or after its window does not save it") {
  cr::DeadClickDetector detector;
  detector.observe_click(click(1000));
  detector.observe_change(999);
  detector.observe_change(2001);
  CHECK(detector.advance(2001).size() == 1);
}

TEST_CASE("repeated clicks on a waiting element join it, other elements wait apart") {
  cr::DeadClickDetector detector;
  detector.observe_click(click(0));
  detector.observe_click(click(200));
  detector.observe_click(click(300, "a#help"));
  detector.observe_click(click(900));
  auto dead = detector.advance(1001);
  REQUIRE(dead.size() == 1);
  CHECK(dead[0].click_count == 3);
  CHECK(detector.pending() == 1);
  auto later = detector.advance(1301);
  REQUIRE(later.size() == 1);
  CHECK(later[0].click.element_key == "a#help");
}

TEST_CASE("dead clicks come out oldest first and pending clicks are bounded") {
  cr::DeadClickDetector detector;
  for (std::size_t i = 0; i < cr::kMaxPendingDeadClicks + 8; ++i) {
    detector.observe_click(click(static_cast<std::int64_t>(i), "el" + std::to_string(i)));
  }
  CHECK(detector.pending() == cr::kMaxPendingDeadClicks);
  auto dead = detector.advance(100'000);
  REQUIRE(dead.size() == cr::kMaxPendingDeadClicks);
  CHECK(dead.front().click.element_key == "el8");
  for (std::size_t i = 1; i < dead.size(); ++i) {
    CHECK(dead[i - 1].click.time_ms < dead[i].click.time_ms);
  }
}

TEST_CASE("clicks reported out of time order still come out oldest first, the live ones stay") {
  cr::DeadClickDetector detector;
  detector.observe_click(click(500, "c"));
  detector.observe_click(click(100, "a"));
  detector.observe_click(click(3000, "live"));
  detector.observe_click(click(300, "b"));
  detector.observe_click(click(300, "b2"));
  auto dead = detector.advance(2000);
  REQUIRE(dead.size() == 4);
  CHECK(dead[0].click.element_key == "a");
  CHECK(dead[1].click.element_key == "b");
  CHECK(dead[2].click.element_key == "b2");  // Equal times keep their arrival order.
  CHECK(dead[3].click.element_key == "c");
  CHECK(detector.pending() == 1);
  auto later = detector.advance(5000);
  REQUIRE(later.size() == 1);
  CHECK(later[0].click.element_key == "live");
}

TEST_CASE("the window is configurable") {
  cr::DeadClickDetector detector({.window_ms = 3000});
  detector.observe_click(click(0));
  CHECK(detector.advance(2500).empty());
  detector.observe_change(2900);
  CHECK(detector.advance(10'000).empty());
}
