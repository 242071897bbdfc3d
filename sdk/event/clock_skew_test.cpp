#include "event/clock_skew.h"
#include "time/iso8601.h"

#include <catch2/catch.hpp>

#include <limits>

namespace ce = cairn::event;

TEST_CASE("corrected_timestamp moves the event by the client's clock error") {
  // Client clock 1 h behind: sent at 09:00 by its clock, received at 10:00.
  const std::int64_t hour = 3600000;
  CHECK(ce::corrected_timestamp(9 * hour - 5000, 9 * hour, 10 * hour) == 10 * hour - 5000);
  // Client clock ahead.
  CHECK(ce::corrected_timestamp(12 * hour, 12 * hour + 100, 10 * hour) == 10 * hour - 100);
  // Exact clock: unchanged.
  CHECK(ce::corrected_timestamp(1000, 2000, 2000) == 1000);
}

TEST_CASE("corrected_timestamp without sentAt or timestamp") {
  CHECK(ce::corrected_timestamp(1234, std::nullopt, 99999) == 1234);
  CHECK(ce::corrected_timestamp(std::nullopt, 5, 99999) == 99999);
  CHECK(ce::corrected_timestamp(std::nullopt, std::nullopt, 7) == 7);
}

TEST_CASE("corrected_timestamp stays within 1970-9999, never overflowing") {
  constexpr std::int64_t max = std::numeric_limits<std::int64_t>::max();
  constexpr std::int64_t min = std::numeric_limits<std::int64_t>::min();
  CHECK(ce::corrected_timestamp(max - 1, 0, 100) == cairn::time::kMaxMs);
  CHECK(ce::corrected_timestamp(min + 1, 100, 0) == cairn::time::kMinMs);
  CHECK(ce::corrected_timestamp(0, min, max) == cairn::time::kMaxMs);
  CHECK(ce::corrected_timestamp(0, max, min) == cairn::time::kMinMs);
  // Stamped in 1970, "sent" in 9999, received today: 8,000 years before 1970
  // by the formula.
  constexpr std::int64_t received = 1'795'000'000'000;
  CHECK(ce::corrected_timestamp(0, cairn::time::kMaxMs, received) == cairn::time::kMinMs);
  CHECK(ce::corrected_timestamp(cairn::time::kMaxMs, 0, received) == cairn::time::kMaxMs);
}
