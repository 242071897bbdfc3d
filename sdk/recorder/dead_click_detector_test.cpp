#include "recorder/dead_click_detector.h"

#include <string>
#include <vector>

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

TEST_CASE("a click reported after the change it caused is alive at once") {
  // The adapter records clicks in the task after the click's own: by then the
  // page's handler has changed the DOM and the watcher may have reported it.
  for (std::int64_t change_at : {1000, 1004, 1900}) {
    cr::DeadClickDetector detector;
    detector.observe_change(change_at);
    detector.observe_click(click(1000));
    CHECK(detector.pending() == 0);
    CHECK_FALSE(detector.next_deadline_ms());
    CHECK(detector.advance(10'000).empty());
  }
}

TEST_CASE("a late click after an unrelated earlier change is dead when nothing follows") {
  cr::DeadClickDetector detector;
  detector.observe_change(990);
  detector.observe_change(999);  // The latest change, still before the click.
  detector.observe_click(click(1000));
  CHECK(detector.next_deadline_ms() == 2001);
  auto dead = detector.advance(2001);
  REQUIRE(dead.size() == 1);
  CHECK(dead[0].click.time_ms == 1000);
}

TEST_CASE("a click reported after its window ended is alive when anything changed since it") {
  // Its window cannot be judged any more: a miss rather than a false alarm.
  cr::DeadClickDetector detector;
  detector.observe_change(5000);
  detector.observe_click(click(1000));
  CHECK(detector.advance(10'000).empty());
  // With no change since, it is dead at once.
  detector.observe_click(click(6000, "a#help"));
  CHECK(detector.advance(10'000).size() == 1);
}

TEST_CASE("late clicks of a rage burst join one dead click; a change between them splits it") {
  cr::DeadClickDetector detector;
  detector.observe_change(-20);  // Focus on the first mousedown, before the burst.
  for (std::int64_t t : {0, 150, 300}) detector.observe_click(click(t));
  auto dead = detector.advance(1001);
  REQUIRE(dead.size() == 1);
  CHECK(dead[0].click_count == 3);

  detector.observe_click(click(2000));
  detector.observe_click(click(2100));
  detector.observe_change(2150);  // Saves the two pending clicks.
  detector.observe_click(click(2120));  // Reported after the change, happened before it: alive.
  detector.observe_click(click(2200));  // After the change: waits again.
  CHECK(detector.pending() == 1);
  dead = detector.advance(3201);
  REQUIRE(dead.size() == 1);
  CHECK(dead[0].click.time_ms == 2200);
  CHECK(dead[0].click_count == 1);
}

TEST_CASE("a click the browser answered (a download, a new tab) is never dead and saves no other") {
  cr::DeadClickDetector detector;
  detector.observe_click(click(1000, "div.card"));
  cr::ClickObservation download = click(1100, "a.export");
  download.answered_by_browser = true;
  detector.observe_click(download);
  detector.observe_click(download);  // Clicked again: still answered each time.
  CHECK(detector.pending() == 1);
  auto dead = detector.advance(5000);
  REQUIRE(dead.size() == 1);
  CHECK(dead[0].click.element_key == "div.card");
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

TEST_CASE("across many advances every click gets one verdict, at its deadline, in time order") {
  // A seeded run of clicks (each on its own element, reported up to a few ms
  // after they happened, so sometimes after a change at or after their time,
  // and out of order), changes and advances, checked against the definition: a
  // click is dead iff no change in [time, time + window], whenever each was
  // reported, reported by the first advance past its window, and the live
  // clicks stay pending in between.
  constexpr std::int64_t kWindow = 1000;
  cr::DeadClickDetector detector({.window_ms = kWindow});
  std::uint32_t seed = 12345;
  auto next = [&](std::uint32_t bound) {
    seed = seed * 1664525u + 1013904223u;
    return (seed >> 8) % bound;
  };
  struct Click {
    std::int64_t time;
    std::string key;
    std::size_t changes_before;  // Changes reported before it.
  };
  struct Report {
    std::int64_t at;             // The advance that reported it.
    std::int64_t previous;       // The advance before that one.
    std::string key;
  };
  std::vector<Click> clicks;
  std::vector<std::int64_t> changes;
  std::vector<Report> reported;
  std::int64_t now = 0;
  std::int64_t previous_advance = 0;
  std::size_t advances = 0;
  for (int step = 0; step < 3000; ++step) {
    now += static_cast<std::int64_t>(next(60));
    const std::uint32_t action = next(40);
    if (action < 16 && detector.pending() < cr::kMaxPendingDeadClicks) {
      const std::int64_t t = now - static_cast<std::int64_t>(next(50));
      clicks.push_back({t, "el" + std::to_string(clicks.size()), changes.size()});
      detector.observe_click(click(t, clicks.back().key));
    } else if (action < 17) {
      changes.push_back(now);
      detector.observe_change(now);
    } else {
      ++advances;
      std::vector<cr::DeadClick> dead = detector.advance(now);
      for (std::size_t i = 0; i < dead.size(); ++i) {
        CHECK(dead[i].click.time_ms + kWindow < now);
        if (i > 0) CHECK(dead[i - 1].click.time_ms <= dead[i].click.time_ms);
        reported.push_back({now, previous_advance, dead[i].click.element_key});
      }
      previous_advance = now;
    }
  }
  now += 10 * kWindow;
  for (const cr::DeadClick& d : detector.advance(now)) reported.push_back({now, previous_advance, d.click.element_key});
  CHECK(detector.pending() == 0);
  REQUIRE(advances > 1000);

  std::size_t expected_dead = 0;
  std::size_t saved_before_report = 0;
  for (const Click& c : clicks) {
    bool saved = false;
    for (std::int64_t change : changes) saved = saved || (c.time <= change && change <= c.time + kWindow);
    if (c.changes_before > 0 && changes[c.changes_before - 1] >= c.time) ++saved_before_report;
    std::size_t seen = 0;
    for (const Report& r : reported) {
      if (r.key != c.key) continue;
      ++seen;
      CHECK(r.at > c.time + kWindow);
      CHECK(r.previous <= c.time + kWindow);  // The first advance past its window.
    }
    CHECK(seen == (saved ? 0u : 1u));
    if (!saved) ++expected_dead;
  }
  CHECK(reported.size() == expected_dead);
  CHECK(expected_dead > 100);                  // Both verdicts occur often.
  CHECK(saved_before_report > 10);             // And clicks reported after their change.
  CHECK(clicks.size() - expected_dead > 100);
}

TEST_CASE("after the clock went back, pending clicks wait from now and old changes save nothing new") {
  constexpr std::int64_t kHour = 3'600'000;
  cr::DeadClickDetector detector;
  detector.observe_click(click(kHour + 100, "a"));
  detector.observe_click(click(kHour + 200, "b"));
  detector.observe_change(kHour + 50);  // before both clicks: saves neither
  REQUIRE(detector.pending() == 2);
  detector.follow_clock_back(1000);
  CHECK(detector.next_deadline_ms() == 2001);
  // A click after the step is not taken for answered by the change stamped later.
  detector.observe_click(click(1500, "c"));
  CHECK(detector.pending() == 3);
  const auto dead = detector.advance(2001);
  REQUIRE(dead.size() == 2);
  CHECK(dead[0].click.element_key == "a");
  CHECK(dead[0].click.time_ms == 1000);  // stamped when the step was noticed
  CHECK(dead[1].click.element_key == "b");
  // A clock that did not go back changes nothing.
  detector.follow_clock_back(5000);
  CHECK(detector.next_deadline_ms() == 2501);
}
