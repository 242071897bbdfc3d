#include "recorder/rage_click_detector.h"

#include <catch2/catch.hpp>

namespace cr = cairn::recorder;

namespace {
cr::ClickObservation click(std::int64_t t, double x = 100, double y = 100,
                           std::string key = "button#save") {
  cr::ClickObservation c;
  c.time_ms = t;
  c.x = x;
  c.y = y;
  c.element_key = std::move(key);
  return c;
}
}  // namespace

TEST_CASE("three clicks within a second on one spot are one rage click") {
  cr::RageClickDetector detector;
  CHECK_FALSE(detector.observe(click(0)));
  CHECK_FALSE(detector.observe(click(300, 105, 98)));
  auto rage = detector.observe(click(600, 95, 102));
  REQUIRE(rage);
  CHECK(rage->click_count == 3);
  CHECK(rage->first_click_ms == 0);
  CHECK(rage->click.time_ms == 600);
  CHECK(rage->click.element_key == "button#save");
  // The burst goes on: reported once.
  CHECK_FALSE(detector.observe(click(700)));
  CHECK_FALSE(detector.observe(click(800)));
}

TEST_CASE("the window is inclusive at exactly window_ms and exclusive beyond") {
  cr::RageClickDetector at_edge;
  at_edge.observe(click(0));
  at_edge.observe(click(500));
  CHECK(at_edge.observe(click(1000)));

  cr::RageClickDetector beyond;
  beyond.observe(click(0));
  beyond.observe(click(500));
  CHECK_FALSE(beyond.observe(click(1001)));
}

TEST_CASE("the window slides: a slow first click does not hide a fast burst") {
  cr::RageClickDetector detector;
  CHECK_FALSE(detector.observe(click(0)));
  CHECK_FALSE(detector.observe(click(900)));
  CHECK_FALSE(detector.observe(click(1100)));  // 900 and 1100 only: 0 is out of the window.
  auto rage = detector.observe(click(1300));
  REQUIRE(rage);
  CHECK(rage->first_click_ms == 900);
  CHECK(rage->click_count == 3);
}

TEST_CASE("another element, or a spot beyond the radius, does not count") {
  cr::RageClickDetector other_element;
  other_element.observe(click(0));
  other_element.observe(click(100, 100, 100, "a#link"));
  CHECK_FALSE(other_element.observe(click(200)));

  cr::RageClickDetector far;  // Default radius 30 px.
  far.observe(click(0, 100, 100));
  far.observe(click(100, 100, 131));
  CHECK_FALSE(far.observe(click(200, 100, 162)));
  // Within radius of the latest click, the distant first one excluded.
  auto rage = far.observe(click(300, 100, 150));
  REQUIRE(rage);
  CHECK(rage->first_click_ms == 100);
}

TEST_CASE("after a pause the next burst is reported again") {
  cr::RageClickDetector detector;
  detector.observe(click(0));
  detector.observe(click(100));
  CHECK(detector.observe(click(200)));
  CHECK_FALSE(detector.observe(click(2000)));
  CHECK_FALSE(detector.observe(click(2100)));
  CHECK(detector.observe(click(2200)));
}

TEST_CASE("limits are configurable and clicks out of order start afresh") {
  cr::RageClickDetector detector({.min_clicks = 5, .window_ms = 2000, .radius_px = 5});
  for (int i = 0; i < 4; ++i) CHECK_FALSE(detector.observe(click(i * 400)));
  CHECK(detector.observe(click(1600)));

  cr::RageClickDetector backwards;
  backwards.observe(click(1000));
  backwards.observe(click(1100));
  CHECK_FALSE(backwards.observe(click(500)));  // Earlier than the last: a new run of one.
  CHECK_FALSE(backwards.observe(click(600)));
  CHECK(backwards.observe(click(700)));
}

TEST_CASE("an automated clicker cannot grow the history beyond its bound") {
  cr::RageClickDetector detector({.min_clicks = 1000, .window_ms = 1000, .radius_px = 30});
  for (int i = 0; i < 5000; ++i) CHECK_FALSE(detector.observe(click(i / 10)));
}
