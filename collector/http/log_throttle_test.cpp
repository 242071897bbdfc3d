#include "http/log_throttle.h"

#include <catch2/catch.hpp>

using cairn::http::LogThrottle;
using namespace std::chrono_literals;

TEST_CASE("log throttle: the first occurrence logs, then one per interval with the count held back") {
  LogThrottle throttle(1000ms);
  const auto t0 = std::chrono::steady_clock::time_point{} + 1h;
  std::uint64_t held = 99;
  CHECK(throttle.allow(t0, &held));
  CHECK(held == 0);
  CHECK_FALSE(throttle.allow(t0 + 1ms, &held));
  CHECK_FALSE(throttle.allow(t0 + 999ms, &held));
  CHECK(throttle.allow(t0 + 1000ms, &held));  // The interval's edge logs.
  CHECK(held == 2);
  CHECK(throttle.allow(t0 + 5000ms, &held));
  CHECK(held == 0);
}
